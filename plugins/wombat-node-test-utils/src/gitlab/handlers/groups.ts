import type { GitLabContext, GitLabRoute } from '../GitLabContext';
import type { GitLabNamespace } from '../GitLabState';
import { nextId } from '../GitLabState';
import { findGroup, namespaceById } from '../lookup';
import {
  combinedErrors,
  missingParams,
  readEnum,
  readInteger,
  readString,
} from '../params';
import {
  gitlabJson,
  gitlabMessage,
  gitlabNotFound,
  grapeError,
} from '../responses';
import { groupJson } from '../serializers';
import { VISIBILITIES, isPathTaken } from '../namespacePaths';
import { isValidProjectPath, PROJECT_PATH_MESSAGE } from '../projectPaths';

/** `GET /groups/:id` and `POST /groups`. */
export const groupRoutes: GitLabRoute[] = [
  {
    method: 'GET',
    pattern: '/groups/:id',
    handle(context, { id }) {
      const group = findGroup(context.state, id);
      return group
        ? gitlabJson(groupJson(group, context.state, context.baseUrl))
        : gitlabNotFound('Group');
    },
  },
  {
    method: 'POST',
    pattern: '/groups',
    handle: createGroup,
  },
];

function createGroup(context: GitLabContext): Response {
  const { params, state } = context;
  const missing = missingParams(params, ['name', 'path']);
  if (missing) {
    context.violation(`POST /groups: ${missing}`);
    return grapeError(missing);
  }
  const name = readString(params, 'name');
  const path = readString(params, 'path');
  const parentId = readInteger(params, 'parent_id');
  const visibility = readEnum(params, 'visibility', VISIBILITIES);
  const invalid = combinedErrors(name, path, parentId, visibility);
  if (invalid) {
    context.violation(`POST /groups: ${invalid}`);
    return grapeError(invalid);
  }

  const invalidAttributes = groupValidationErrors(name.value!, path.value!);
  if (invalidAttributes) {
    context.violation(`POST /groups: ${invalidAttributes}`);
    return gitlabMessage(400, `Failed to save group ${invalidAttributes}`);
  }

  let parent: GitLabNamespace | undefined;
  if (parentId.value !== undefined) {
    parent = namespaceById(state, parentId.value);
    if (parent?.kind !== 'group') {
      return gitlabNotFound('Group');
    }
  }
  if (isPathTaken(state, parent?.id ?? null, path.value!)) {
    return gitlabMessage(
      400,
      'Failed to save group {:path=>["has already been taken"]}',
    );
  }

  const group: GitLabNamespace = {
    id: nextId(state, 'namespace'),
    name: name.value!,
    path: path.value!,
    kind: 'group',
    full_path: parent ? `${parent.full_path}/${path.value}` : path.value!,
    parent_id: parent?.id ?? null,
    visibility: visibility.value ?? 'private',
    description: readString(params, 'description').value ?? '',
    created_at: new Date().toISOString(),
  };
  state.namespaces.push(group);
  return gitlabJson(groupJson(group, state, context.baseUrl), 201);
}

/**
 * The group model's validation errors, in the Ruby hash form GitLab puts
 * into its "Failed to save group" message; undefined when there are none.
 */
function groupValidationErrors(name: string, path: string): string | undefined {
  const errors: string[] = [];
  if (!name.trim()) {
    errors.push(`:name=>["can't be blank"]`);
  }
  if (!path) {
    errors.push(`:path=>["can't be blank"]`);
  } else if (!isValidProjectPath(path)) {
    errors.push(`:path=>[${JSON.stringify(PROJECT_PATH_MESSAGE)}]`);
  }
  return errors.length > 0 ? `{${errors.join(', ')}}` : undefined;
}
