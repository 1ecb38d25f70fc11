import {
  MAINTAINER_ACCESS,
  PROTECTED_BRANCH_ACCESS_LEVELS,
} from '../accessLevels';
import type { GitLabContext, GitLabRoute } from '../GitLabContext';
import type { GitLabProject, GitLabProtectedBranch } from '../GitLabState';
import { paginatedJson } from '../pagination';
import {
  combinedErrors,
  missingParams,
  readAccessLevel,
  readBoolean,
  readString,
} from '../params';
import { newProtectedBranch } from '../projectFactory';
import { withProject } from '../projectRoutes';
import {
  gitlabJson,
  gitlabMessage,
  gitlabNoContent,
  grapeError,
} from '../responses';
import { protectedBranchJson } from '../serializers';
import { decodeSegment } from '../../shared/routing';

/**
 * Protected branches. gitbeaker sends the options of `create` as query
 * parameters; Grape reads query and body alike, so both work here too.
 */
export const protectedBranchRoutes: GitLabRoute[] = [
  {
    method: 'GET',
    pattern: '/projects/:id/protected_branches',
    handle(context, { id }) {
      return withProject(context, id, project =>
        paginatedJson(context, project.protectedBranches, protectedBranchJson),
      );
    },
  },
  {
    method: 'GET',
    pattern: '/projects/:id/protected_branches/:name',
    handle(context, { id, name }) {
      return withProject(context, id, project =>
        withBranch(project, name, branch =>
          gitlabJson(protectedBranchJson(branch)),
        ),
      );
    },
  },
  {
    method: 'POST',
    pattern: '/projects/:id/protected_branches',
    handle(context, { id }) {
      return withProject(context, id, project =>
        protectBranch(context, project),
      );
    },
  },
  {
    method: 'PATCH',
    pattern: '/projects/:id/protected_branches/:name',
    handle(context, { id, name }) {
      return withProject(context, id, project =>
        withBranch(project, name, branch => updateBranch(context, branch)),
      );
    },
  },
  {
    method: 'DELETE',
    pattern: '/projects/:id/protected_branches/:name',
    handle(context, { id, name }) {
      return withProject(context, id, project =>
        withBranch(project, name, branch => {
          project.protectedBranches.splice(
            project.protectedBranches.indexOf(branch),
            1,
          );
          return gitlabNoContent();
        }),
      );
    },
  },
];

/** An unknown branch raises ActiveRecord::RecordNotFound: `404 Not found`. */
function withBranch(
  project: GitLabProject,
  rawName: string,
  handle: (branch: GitLabProtectedBranch) => Response,
): Response {
  const name = decodeSegment(rawName);
  const branch = project.protectedBranches.find(b => b.name === name);
  return branch ? handle(branch) : gitlabMessage(404, '404 Not found');
}

function protectBranch(
  context: GitLabContext,
  project: GitLabProject,
): Response {
  const { params, state } = context;
  const missing = missingParams(params, ['name']);
  if (missing) {
    context.violation(`POST protected_branches: ${missing}`);
    return grapeError(missing);
  }
  const name = readString(params, 'name');
  const push = readAccessLevel(
    params,
    'push_access_level',
    PROTECTED_BRANCH_ACCESS_LEVELS,
  );
  const merge = readAccessLevel(
    params,
    'merge_access_level',
    PROTECTED_BRANCH_ACCESS_LEVELS,
  );
  const unprotect = readAccessLevel(
    params,
    'unprotect_access_level',
    PROTECTED_BRANCH_ACCESS_LEVELS,
  );
  const forcePush = readBoolean(params, 'allow_force_push');
  const codeOwners = readBoolean(params, 'code_owner_approval_required');
  const invalid = combinedErrors(
    name,
    push,
    merge,
    unprotect,
    forcePush,
    codeOwners,
  );
  if (invalid) {
    context.violation(`POST protected_branches: ${invalid}`);
    return grapeError(invalid);
  }
  if (project.protectedBranches.some(b => b.name === name.value)) {
    return gitlabMessage(
      409,
      `Protected branch '${name.value}' already exists`,
    );
  }
  const branch = newProtectedBranch(state, {
    name: name.value!,
    pushAccessLevel: push.value ?? MAINTAINER_ACCESS,
    mergeAccessLevel: merge.value ?? MAINTAINER_ACCESS,
    unprotectAccessLevel: unprotect.value,
    allowForcePush: forcePush.value ?? false,
    codeOwnerApprovalRequired: codeOwners.value,
  });
  project.protectedBranches.push(branch);
  return gitlabJson(protectedBranchJson(branch), 201);
}

function updateBranch(
  context: GitLabContext,
  branch: GitLabProtectedBranch,
): Response {
  const forcePush = readBoolean(context.params, 'allow_force_push');
  const codeOwners = readBoolean(
    context.params,
    'code_owner_approval_required',
  );
  const invalid = combinedErrors(forcePush, codeOwners);
  if (invalid) {
    context.violation(`PATCH protected_branches: ${invalid}`);
    return grapeError(invalid);
  }
  if (forcePush.value !== undefined) {
    branch.allow_force_push = forcePush.value;
  }
  if (codeOwners.value !== undefined) {
    branch.code_owner_approval_required = codeOwners.value;
  }
  return gitlabJson(protectedBranchJson(branch));
}
