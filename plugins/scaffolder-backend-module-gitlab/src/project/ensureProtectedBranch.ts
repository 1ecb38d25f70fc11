import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { GitLabApi } from '@wombat/plugin-wombat-node';
import { branchAccessLevelName } from './accessLevels';
import { unlessMissing } from './lookups';
import { ProjectPlan } from './ProjectPlan';

type Rule = ProjectPlan['protectedBranches'][number];

type GitLabRule = {
  push_access_levels?: Array<{
    access_level: number;
    user_id?: number | null;
    group_id?: number | null;
  }>;
  merge_access_levels?: Array<{
    access_level: number;
    user_id?: number | null;
    group_id?: number | null;
  }>;
  allow_force_push?: boolean;
};

/** The role-based level of a rule, ignoring entries for single users or groups. */
function roleLevel(levels: GitLabRule['push_access_levels']) {
  return levels?.find(l => !l.user_id && !l.group_id)?.access_level;
}

function differences(existing: GitLabRule, rule: Rule): string[] {
  const found: string[] = [];
  const push = roleLevel(existing.push_access_levels);
  const merge = roleLevel(existing.merge_access_levels);
  if (push !== rule.pushAccessLevel) {
    found.push(
      `push is ${branchAccessLevelName(push)}, not ${branchAccessLevelName(
        rule.pushAccessLevel,
      )}`,
    );
  }
  if (merge !== rule.mergeAccessLevel) {
    found.push(
      `merge is ${branchAccessLevelName(merge)}, not ${branchAccessLevelName(
        rule.mergeAccessLevel,
      )}`,
    );
  }
  if (Boolean(existing.allow_force_push) !== rule.allowForcePush) {
    found.push(
      `force push is ${existing.allow_force_push ? 'allowed' : 'not allowed'}`,
    );
  }
  return found;
}

/**
 * Protects the branch as asked. GitLab protects a new project's default
 * branch by itself; that rule is replaced rather than reported as a conflict,
 * but only on a project this task created. Any other differing rule is a
 * ConflictError: it was set by someone on purpose.
 */
export async function ensureProtectedBranch(
  api: GitLabApi,
  project: {
    id: number;
    path: string;
    created: boolean;
    defaultBranch: string;
  },
  rule: Rule,
  logger: LoggerService,
): Promise<void> {
  const existing = (await unlessMissing(
    api.ProtectedBranches.show(project.id, rule.name),
  )) as GitLabRule | undefined;
  if (existing) {
    const found = differences(existing, rule);
    if (found.length === 0) {
      return;
    }
    const isGitLabsOwnRule =
      project.created && rule.name === project.defaultBranch;
    if (!isGitLabsOwnRule) {
      throw new ConflictError(
        `Branch ${rule.name} of ${
          project.path
        } is already protected differently: ${found.join('; ')}`,
      );
    }
    // Editing access levels in place only adds entries; replace the rule.
    await api.ProtectedBranches.unprotect(project.id, rule.name);
  }
  await api.ProtectedBranches.create(project.id, rule.name, {
    pushAccessLevel: rule.pushAccessLevel as any,
    mergeAccessLevel: rule.mergeAccessLevel as any,
    allowForcePush: rule.allowForcePush,
  });
  logger.info(`Protected branch ${rule.name} of ${project.path}`, {
    project: project.path,
    branch: rule.name,
  });
}
