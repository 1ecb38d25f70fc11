import { InputError } from '@backstage/errors';
import { ProjectScope, isWithinGitLabGroup } from '@wombat/plugin-wombat-node';
import { ProjectPlan } from './ProjectPlan';

/**
 * A project's repositories live in its own GitLab group (its system name)
 * or in subgroups of it, and nowhere else: the requester's role in the
 * project says nothing about any other group.
 */
export function requireProjectGroup(
  plan: ProjectPlan,
  scope: ProjectScope,
): void {
  if (!isWithinGitLabGroup(plan.groupPath, scope.systemName)) {
    throw new InputError(
      `repoUrl must be in the project's GitLab group ${scope.systemName}, or a subgroup of it; its owner is ${plan.groupPath}`,
    );
  }
}
