import type { GitLabContext, GitLabRoute } from '../GitLabContext';
import type { GitLabNamespace, GitLabProject } from '../GitLabState';
import { namespaceById } from '../lookup';
import { capVisibility, VISIBILITIES } from '../namespacePaths';
import {
  atLeastOneOf,
  combinedErrors,
  isAbsent,
  readBoolean,
  readEnum,
  readInteger,
  readString,
} from '../params';
import { addProject } from '../projectFactory';
import {
  isValidProjectPath,
  pathFromName,
  PROJECT_PATH_MESSAGE,
} from '../projectPaths';
import { withProject } from '../projectRoutes';
import {
  gitlabJson,
  gitlabMessage,
  gitlabNotFound,
  grapeError,
} from '../responses';
import { projectJson } from '../serializers';
import { assignTopics, readTopicList } from '../topics';

/** `GET /projects/:id`, `POST /projects` and `PUT /projects/:id`. */
export const projectRoutes: GitLabRoute[] = [
  {
    method: 'GET',
    pattern: '/projects/:id',
    handle(context, { id }) {
      return withProject(context, id, project =>
        gitlabJson(projectJson(project, context.state, context.baseUrl)),
      );
    },
  },
  {
    method: 'POST',
    pattern: '/projects',
    handle: createProject,
  },
  {
    method: 'PUT',
    pattern: '/projects/:id',
    handle(context, { id }) {
      return withProject(context, id, project =>
        updateProject(context, project),
      );
    },
  },
];

/** The update attributes the fake applies; GitLab knows many more. */
const UPDATABLE = ['description', 'topics', 'tag_list'];

async function createProject(context: GitLabContext): Promise<Response> {
  const { params, state } = context;
  const missing = atLeastOneOf(params, ['name', 'path']);
  if (missing) {
    context.violation(`POST /projects: ${missing}`);
    return grapeError(missing);
  }
  checkNamespaceIdType(context);

  const name = readString(params, 'name');
  const path = readString(params, 'path');
  const namespaceId = readInteger(params, 'namespace_id');
  const visibility = readEnum(params, 'visibility', VISIBILITIES);
  const defaultBranch = readString(params, 'default_branch');
  const description = readString(params, 'description');
  const withReadme = readBoolean(params, 'initialize_with_readme');
  const invalid = combinedErrors(
    name,
    path,
    namespaceId,
    visibility,
    defaultBranch,
    description,
    withReadme,
  );
  if (invalid) {
    context.violation(`POST /projects: ${invalid}`);
    return grapeError(invalid);
  }

  const namespace: GitLabNamespace | undefined =
    namespaceId.value === undefined
      ? namespaceById(state, context.currentUser.namespace_id)
      : namespaceById(state, namespaceId.value);
  if (!namespace) {
    return gitlabNotFound('Namespace');
  }

  const projectPath = path.value ?? pathFromName(name.value!);
  const projectName = name.value ?? projectPath;
  if (!isValidProjectPath(projectPath)) {
    context.violation(`POST /projects: invalid path '${projectPath}'`);
    return gitlabMessage(400, { path: [PROJECT_PATH_MESSAGE] });
  }
  const taken = takenAttributes(
    context,
    namespace.id,
    projectName,
    projectPath,
  );
  if (taken) {
    return gitlabMessage(400, taken);
  }

  const branch = defaultBranch.value || 'main';
  if (branch.startsWith('refs/')) {
    context.violation(
      `POST /projects: default_branch '${branch}' must be a branch name, not a ref (GitLab then skips initialization)`,
    );
  }
  const requested = visibility.value ?? 'private';
  const project = addProject(state, {
    name: projectName,
    path: projectPath,
    namespace,
    description: description.value ?? null,
    visibility:
      namespace.kind === 'group'
        ? capVisibility(requested, namespace.visibility)
        : requested,
    defaultBranch: branch,
    emptyRepo: !withReadme.value,
    topics: assignTopics(
      state,
      readTopicList(params.topics ?? params.tag_list),
    ),
  });
  await context.repositories?.create(project, {
    initializeWithReadme: Boolean(withReadme.value),
  });
  return gitlabJson(projectJson(project, state, context.baseUrl), 201);
}

/**
 * `namespace_id` is declared as Integer: a numeric string is coerced, but a
 * full path such as "group/sub" is refused (gitlab-org/gitlab issue 8942).
 */
function checkNamespaceIdType(context: GitLabContext) {
  const body = context.request.body as Record<string, unknown> | undefined;
  const raw = body && typeof body === 'object' ? body.namespace_id : undefined;
  if (!isAbsent(raw) && typeof raw !== 'number') {
    context.violation(
      `POST /projects: namespace_id must be the numeric namespace id, got ${JSON.stringify(
        raw,
      )}`,
    );
  }
}

/** Validation errors GitLab renders when a name or path is already used. */
function takenAttributes(
  context: GitLabContext,
  namespaceId: number,
  name: string,
  path: string,
): Record<string, string[]> | undefined {
  const siblings = context.state.projects.filter(
    project => project.namespace_id === namespaceId,
  );
  const nameTaken = siblings.some(
    project => project.name.toLowerCase() === name.toLowerCase(),
  );
  const pathTaken = siblings.some(
    project => project.path.toLowerCase() === path.toLowerCase(),
  );
  if (!nameTaken && !pathTaken) {
    return undefined;
  }
  const errors: Record<string, string[]> = {};
  if (nameTaken) {
    errors.name = ['has already been taken'];
  }
  if (pathTaken) {
    errors.path = ['has already been taken'];
  }
  if (nameTaken) {
    errors['project_namespace.name'] = ['has already been taken'];
  }
  return errors;
}

/**
 * `PUT /projects/:id`: at least one attribute must be given; `topics`
 * replaces the whole list. Attributes the fake does not apply are reported
 * as violations rather than silently ignored.
 */
function updateProject(
  context: GitLabContext,
  project: GitLabProject,
): Response {
  const { params, state } = context;
  const given = Object.keys(params).filter(key => key !== 'id');
  const unmodelled = given.filter(key => !UPDATABLE.includes(key));
  for (const key of unmodelled) {
    context.violation(
      `PUT /projects/:id: the GitLab fake does not apply '${key}'`,
    );
  }
  const missing = atLeastOneOf(params, UPDATABLE);
  if (missing && unmodelled.length === 0) {
    context.violation(`PUT /projects/:id: ${missing}`);
    return grapeError(missing);
  }
  const description = readString(params, 'description');
  if (description.error) {
    context.violation(`PUT /projects/:id: ${description.error}`);
    return grapeError(description.error);
  }
  if (description.value !== undefined) {
    project.description = description.value;
  }
  const topics = params.topics ?? params.tag_list;
  if (!isAbsent(topics)) {
    project.topics = assignTopics(state, readTopicList(topics));
  }
  return gitlabJson(projectJson(project, state, context.baseUrl));
}
