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

/** `GET /groups/:id`, `POST /groups` and `PUT /groups/:id`. */
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
  {
    method: 'PUT',
    pattern: '/groups/:id',
    handle(context, { id }) {
      const group = findGroup(context.state, id);
      return group ? updateGroup(context, group) : gitlabNotFound('Group');
    },
  },
];

/** GitLab keeps a group's description in namespace_details, which allows 255 characters. */
const DESCRIPTION_MAX_LENGTH = 255;
const DESCRIPTION_TOO_LONG = `is too long (maximum is ${DESCRIPTION_MAX_LENGTH} characters)`;

/** The update attributes the fake applies; GitLab knows many more. */
const UPDATABLE = ['name', 'description'];

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
  const description = readString(params, 'description');
  const invalid = combinedErrors(name, path, parentId, visibility, description);
  if (invalid) {
    context.violation(`POST /groups: ${invalid}`);
    return grapeError(invalid);
  }

  const invalidAttributes = groupValidationErrors(
    name.value!,
    path.value!,
    description.value,
  );
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
    description: description.value ?? '',
    created_at: new Date().toISOString(),
  };
  state.namespaces.push(group);
  return gitlabJson(groupJson(group, state, context.baseUrl), 201);
}

/**
 * The group model's validation errors, in the Ruby hash form GitLab puts
 * into its "Failed to save group" message; undefined when there are none.
 */
function groupValidationErrors(
  name: string,
  path: string,
  description?: string,
): string | undefined {
  const errors: string[] = [];
  if (!name.trim()) {
    errors.push(`:name=>["can't be blank"]`);
  }
  if (!path) {
    errors.push(`:path=>["can't be blank"]`);
  } else if (!isValidProjectPath(path)) {
    errors.push(`:path=>[${JSON.stringify(PROJECT_PATH_MESSAGE)}]`);
  }
  if ((description?.length ?? 0) > DESCRIPTION_MAX_LENGTH) {
    errors.push(`:description=>[${JSON.stringify(DESCRIPTION_TOO_LONG)}]`);
  }
  return errors.length > 0 ? `{${errors.join(', ')}}` : undefined;
}

/**
 * `PUT /groups/:id`: the attributes given change, the others stay; an
 * invalid one is a validation error (`render_validation_error!`). Attributes
 * the fake does not apply are reported as violations rather than silently
 * ignored.
 */
function updateGroup(context: GitLabContext, group: GitLabNamespace): Response {
  const { params, state } = context;
  for (const key of Object.keys(params).filter(k => k !== 'id')) {
    if (!UPDATABLE.includes(key)) {
      context.violation(
        `PUT /groups/:id: the GitLab fake does not apply '${key}'`,
      );
    }
  }
  const name = readString(params, 'name');
  const description = readString(params, 'description');
  const invalid = combinedErrors(name, description);
  if (invalid) {
    context.violation(`PUT /groups/:id: ${invalid}`);
    return grapeError(invalid);
  }
  const errors: Record<string, string[]> = {};
  if (name.value !== undefined && !name.value.trim()) {
    errors.name = ["can't be blank"];
  }
  if ((description.value?.length ?? 0) > DESCRIPTION_MAX_LENGTH) {
    errors.description = [DESCRIPTION_TOO_LONG];
  }
  if (Object.keys(errors).length > 0) {
    context.violation(`PUT /groups/:id: ${JSON.stringify(errors)}`);
    return gitlabMessage(400, errors);
  }
  if (name.value !== undefined) {
    group.name = name.value;
  }
  if (description.value !== undefined) {
    group.description = description.value;
  }
  return gitlabJson(groupJson(group, state, context.baseUrl));
}
