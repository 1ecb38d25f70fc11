import type { HarborContext, HarborRoute } from '../HarborContext';
import type { HarborProject } from '../HarborState';
import { nextHarborId } from '../HarborState';
import {
  metadataContractProblems,
  projectNameError,
  publicMetadataError,
} from '../projectRules';
import { withHarborProject } from '../projectReference';
import {
  badRequest,
  conflict,
  createdAt,
  emptyResponse,
  harborJson,
} from '../responses';
import { projectJson } from '../serializers';
import { ROLE_NAMES } from '../roles';

/** Existence check, read and create of projects. */
export const projectRoutes: HarborRoute[] = [
  {
    method: 'HEAD',
    pattern: '/projects',
    handle(context) {
      const name = context.request.query.project_name;
      if (!name) {
        context.violation('HEAD /projects: project_name in query is required');
        return emptyResponse(422);
      }
      const exists = context.state.projects.some(p => p.name === name);
      return emptyResponse(exists ? 200 : 404);
    },
  },
  {
    method: 'GET',
    pattern: '/projects/:project_name_or_id',
    handle(context, { project_name_or_id: reference }) {
      return withHarborProject(context, reference, project =>
        harborJson(projectJson(project)),
      );
    },
  },
  {
    method: 'POST',
    pattern: '/projects',
    handle: createProject,
  },
];

function createProject(context: HarborContext): Response {
  const { body, state } = context;
  const request = body ?? {};
  const metadata: Record<string, string> = Object.fromEntries(
    Object.entries(request.metadata ?? {}).filter(
      ([, value]) => typeof value === 'string',
    ),
  ) as Record<string, string>;
  // The deprecated top-level `public` only fills metadata.public when unset.
  if (metadata.public === undefined && typeof request.public === 'boolean') {
    metadata.public = String(request.public);
  }
  metadata.public = metadata.public || 'false';

  const publicError = publicMetadataError(metadata.public);
  if (publicError) {
    context.violation(`POST /projects: ${publicError}`);
    return badRequest(publicError);
  }
  for (const problem of metadataContractProblems(request.metadata ?? {})) {
    context.violation(`POST /projects: ${problem}`);
  }
  const storageLimit = readStorageLimit(request.storage_limit);
  if (storageLimit === undefined) {
    const message = `invalid storage limit ${request.storage_limit}: must be -1 (unlimited) or a positive number of bytes`;
    context.violation(`POST /projects: ${message}`);
    return badRequest(message);
  }
  const name: string = request.project_name ?? '';
  const nameError = projectNameError(name);
  if (nameError) {
    context.violation(`POST /projects: ${nameError}`);
    return badRequest(nameError);
  }
  if (state.projects.some(p => p.name === name)) {
    return conflict(`The project named ${name} already exists`);
  }

  const now = new Date().toISOString();
  const project: HarborProject = {
    project_id: nextHarborId(state, 'project'),
    name,
    owner_id: 1,
    owner_name: context.username,
    metadata,
    storage_limit: storageLimit,
    repo_count: 0,
    creation_time: now,
    update_time: now,
    members: [],
    webhookPolicies: [],
  };
  // The creator becomes the project's first member, as project admin.
  project.members.push({
    id: nextHarborId(state, 'member'),
    project_id: project.project_id,
    entity_name: context.username,
    entity_type: 'u',
    entity_id: 1,
    role_id: 1,
    role_name: ROLE_NAMES[1],
  });
  state.projects.push(project);
  const byName = isTruthyHeader(
    context.request.headers.get('x-resource-name-in-location'),
  );
  return createdAt(
    `${trimmedPath(context)}/${byName ? project.name : project.project_id}`,
  );
}

/** The strings go-openapi's ConvertBool reads as true; anything else is false. */
const TRUTHY = [
  'true',
  '1',
  'yes',
  'ok',
  'y',
  'on',
  'selected',
  'checked',
  't',
  'enabled',
];

function isTruthyHeader(value: string | null): boolean {
  return value !== null && TRUTHY.includes(value.toLowerCase());
}

/**
 * Absent or 0 means the default `storage_per_project`, unlimited (-1) out of
 * the box; otherwise -1 or a positive size in bytes.
 */
function readStorageLimit(value: unknown): number | undefined {
  if (value === undefined || value === null || value === 0) {
    return -1;
  }
  return typeof value === 'number' && (value === -1 || value > 0)
    ? value
    : undefined;
}

function trimmedPath(context: HarborContext): string {
  return context.request.url.pathname.replace(/\/+$/, '');
}
