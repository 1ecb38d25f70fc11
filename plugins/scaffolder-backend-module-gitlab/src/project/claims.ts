import { ConflictError } from '@backstage/errors';
import {
  OwnershipVerdict,
  ProjectScope,
  claimExisting,
} from '@wombat/plugin-wombat-node';
import { GitLabGroup, GitLabProject } from './gitlabObjects';
import { ProjectPlan } from './ProjectPlan';
import { adoptedGroupDescription, groupStamps, projectStamps } from './stamps';

/**
 * Whether the project may use an existing group: only one stamped for it,
 * or an unstamped one an admin adopts (whose description must be able to
 * take the stamp).
 */
export function claimGroup(
  scope: ProjectScope,
  group: GitLabGroup,
  adopt: boolean,
): OwnershipVerdict {
  const verdict = claimExisting(scope, {
    what: `GitLab group ${group.full_path}`,
    stamps: groupStamps(group),
    adopt,
  });
  if (verdict === 'adopt') {
    adoptedGroupDescription(group, scope);
  }
  return verdict;
}

/*
 * What makes an existing project unusable as the one the plan asks for.
 * Looked at only once the project is known to be this Wombat project's (or
 * adopted), so that the answer tells nothing about anyone else's project.
 */
function differences(project: GitLabProject, plan: ProjectPlan): string[] {
  const found: string[] = [];
  if (project.visibility !== plan.visibility) {
    found.push(
      `its visibility is ${project.visibility}, the template asks for ${plan.visibility}`,
    );
  }
  if (
    !project.empty_repo &&
    project.default_branch &&
    project.default_branch !== plan.defaultBranch
  ) {
    found.push(
      `its default branch is ${project.default_branch}, the template asks for ${plan.defaultBranch}`,
    );
  }
  return found;
}

/**
 * Whether the project may use an existing GitLab project: it must be
 * stamped for it (or adopted by an admin) and match the plan.
 */
export function claimProject(
  scope: ProjectScope,
  project: GitLabProject,
  plan: ProjectPlan,
): OwnershipVerdict {
  const verdict = claimExisting(scope, {
    what: `GitLab project ${project.path_with_namespace}`,
    stamps: projectStamps(project),
    adopt: plan.adopt,
  });
  const found = differences(project, plan);
  if (found.length > 0) {
    throw new ConflictError(
      `GitLab project ${
        project.path_with_namespace
      } already exists and differs: ${found.join('; ')}`,
    );
  }
  return verdict;
}
