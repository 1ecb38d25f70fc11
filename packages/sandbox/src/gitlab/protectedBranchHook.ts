import fs from 'fs/promises';
import path from 'path';
import type { GitLabProject } from '@wombat/plugin-wombat-node-test-utils';

const RULES_FILE = 'sandbox-protected-branches';

/**
 * GitLab's push checks for protected branches, as a pre-receive hook: no
 * deleting a protected branch, and no force push unless the rule allows it.
 * The rules live in the simulator's memory; `writeProtectedBranchRules`
 * hands the current ones to the hook before each push. Only exact branch
 * names are checked, not wildcard rules.
 */
const PRE_RECEIVE = `#!/bin/sh
rules="$GIT_DIR/${RULES_FILE}"
zero=0000000000000000000000000000000000000000
status=0
while read old new ref; do
  branch="\${ref#refs/heads/}"
  [ "$branch" = "$ref" ] && continue
  force=$(awk -v b="$branch" '$1 == b { print $2 }' "$rules" 2>/dev/null)
  [ -z "$force" ] && continue
  if [ "$new" = "$zero" ]; then
    echo "GitLab: You can only delete protected branches using the web interface."
    status=1
  elif [ "$old" != "$zero" ] && [ "$force" != true ] && ! git merge-base --is-ancestor "$old" "$new"; then
    echo "GitLab: You are not allowed to force push code to a protected branch on this project."
    status=1
  fi
done
exit $status
`;

export async function installProtectedBranchHook(gitDir: string) {
  const hook = path.join(gitDir, 'hooks', 'pre-receive');
  await fs.mkdir(path.dirname(hook), { recursive: true });
  await fs.writeFile(hook, PRE_RECEIVE, { mode: 0o755 });
}

export async function writeProtectedBranchRules(
  gitDir: string,
  project: GitLabProject,
) {
  const lines = project.protectedBranches.map(
    rule => `${rule.name} ${rule.allow_force_push}\n`,
  );
  await fs.writeFile(path.join(gitDir, RULES_FILE), lines.join(''));
}
