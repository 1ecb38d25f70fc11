import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { readProjectStamps } from '@wombat/plugin-wombat-common';
import { GitLabClient, ProjectScope } from '@wombat/plugin-wombat-node';

const FIELD = 'gitlabVariables.projectId';

function isNumericId(projectId: number | string): boolean {
  return typeof projectId === 'number' || /^\d+$/.test(projectId);
}

function isInGroup(scope: ProjectScope, path: string): boolean {
  const group = `${scope.systemName}/`.toLocaleLowerCase('en-US');
  return path.toLocaleLowerCase('en-US').startsWith(group);
}

// One message for "outside the group" and, for an id, "no such project":
// the answer says nothing about projects elsewhere.
function notInGroup(scope: ProjectScope, projectId: number | string) {
  return new NotAllowedError(
    `${FIELD} ${projectId} is not a GitLab project in the group of ${scope.ref} (${scope.systemName} or a subgroup); Wombat delivers robot credentials only to the project's own GitLab projects`,
  );
}

/**
 * Refuses a GitLab project path outside the project's group, before any
 * request. A numeric id can only be checked by `resolveGitLabTarget`.
 */
export function checkGitLabTargetPath(
  scope: ProjectScope,
  projectId: number | string,
): void {
  if (!isNumericId(projectId) && !isInGroup(scope, String(projectId))) {
    throw notInGroup(scope, projectId);
  }
}

/**
 * The GitLab project a robot's credentials go to, when it is the Wombat
 * project's: in its group (`systemName` or below; an id is looked up and
 * its path checked) and carrying its stamp in its topics. Anything else is
 * refused before a robot exists.
 */
export async function resolveGitLabTarget(
  gitlab: GitLabClient,
  scope: ProjectScope,
  projectId: number | string,
): Promise<{ id: number; path: string }> {
  checkGitLabTargetPath(scope, projectId);
  let project: Awaited<ReturnType<GitLabClient['api']['Projects']['show']>>;
  try {
    project = await gitlab.api.Projects.show(projectId);
  } catch (error) {
    if (error instanceof NotFoundError) {
      if (isNumericId(projectId)) {
        throw notInGroup(scope, projectId);
      }
      throw new InputError(
        `${FIELD} ${projectId}: no such project on ${gitlab.host}`,
      );
    }
    throw error;
  }
  const path = project.path_with_namespace;
  if (!isInGroup(scope, path)) {
    throw notInGroup(scope, projectId);
  }
  const stamps = readProjectStamps(project.topics ?? []);
  if (stamps.length !== 1 || stamps[0] !== scope.ref) {
    throw new NotAllowedError(
      `GitLab project ${path} is not stamped for ${scope.ref} (its topics must include ${scope.stamp}, and no other project's); Wombat delivers robot credentials only to the project's own GitLab projects`,
    );
  }
  return { id: project.id, path };
}
