import { randomUUID } from 'crypto';
import { mergePatch } from '../../kubernetes/mergePatch';
import { randomSuffix } from '../../shared/randomSuffix';
import { decodeSegment } from '../../shared/routing';
import { rfc3339Seconds } from '../../shared/timestamps';
import { normanCollection } from '../collections';
import { NormanBody } from '../normanFields';
import { normanError, normanJson } from '../normanResponses';
import {
  CONTAINER_LIMIT_FIELDS,
  projectQuotaProblem,
  QUOTA_LIMIT_FIELDS,
} from '../quotas';
import type { RancherContext, RancherRoute } from '../RancherContext';
import type { RancherProject } from '../RancherState';
import { invalidReference, missingRequired } from '../references';
import { addCreatorBinding } from './projectRoleTemplateBindings';

const PROJECT_FIELDS = [
  'name',
  'clusterId',
  'description',
  'labels',
  'annotations',
  'resourceQuota',
  'namespaceDefaultResourceQuota',
  'containerDefaultResourceLimit',
  'enableProjectMonitoring',
  'podSecurityPolicyTemplateId',
];

/** The fields a PUT may change; `clusterId` is create-only (noupdate). */
const UPDATABLE_PROJECT_FIELDS = PROJECT_FIELDS.filter(
  field => field !== 'clusterId',
);

/** List, read, create and update of v3 projects. */
export const projectRoutes: RancherRoute[] = [
  {
    method: 'GET',
    pattern: '/v3/projects',
    handle: context =>
      normanCollection(context.request, 'project', context.state.projects, [
        'id',
        'name',
        'clusterId',
        'description',
        'state',
        'uuid',
        'creatorId',
      ]),
  },
  {
    method: 'GET',
    pattern: '/v3/projects/:id',
    handle(context, { id: rawId }) {
      const id = decodeSegment(rawId) ?? rawId;
      const project = context.state.projects.find(
        candidate => candidate.id === id,
      );
      return project
        ? normanJson(project)
        : normanError(
            'NotFound',
            `projects.management.cattle.io ${JSON.stringify(
              id.split(':').pop(),
            )} not found`,
          );
    },
  },
  { method: 'POST', pattern: '/v3/projects', handle: createProject },
  { method: 'PUT', pattern: '/v3/projects/:id', handle: updateProject },
];

function createProject(context: RancherContext): Response {
  const where = 'POST /v3/projects';
  const refuse = (response: Response, problem: string) => {
    context.violation(`${where}: ${problem}`);
    return response;
  };
  const input = NormanBody.from(context.request.body);
  input.dropUnknown(PROJECT_FIELDS);
  const name = input.string('name');
  const clusterId = input.string('clusterId');
  const description = input.string('description');
  const labels = input.stringMap('labels');
  const annotations = input.stringMap('annotations');
  const resourceQuotaInput = input.object(
    'resourceQuota',
    'projectResourceQuota',
  );
  if (resourceQuotaInput) {
    input.dropUnknown(
      ['limit', 'usedLimit'],
      resourceQuotaInput,
      'resourceQuota.',
    );
  }
  const namespaceQuotaInput = input.object(
    'namespaceDefaultResourceQuota',
    'namespaceResourceQuota',
  );
  if (namespaceQuotaInput) {
    input.dropUnknown(
      ['limit'],
      namespaceQuotaInput,
      'namespaceDefaultResourceQuota.',
    );
  }
  const resourceQuotaLimit = input.stringStruct(
    resourceQuotaInput?.limit,
    'resourceQuota.limit',
    'resourceQuotaLimit',
    QUOTA_LIMIT_FIELDS,
  );
  const namespaceQuotaLimit = input.stringStruct(
    namespaceQuotaInput?.limit,
    'namespaceDefaultResourceQuota.limit',
    'resourceQuotaLimit',
    QUOTA_LIMIT_FIELDS,
  );
  const containerLimit = input.stringStruct(
    context.request.body &&
      (context.request.body as any).containerDefaultResourceLimit,
    'containerDefaultResourceLimit',
    'containerResourceLimit',
    CONTAINER_LIMIT_FIELDS,
  );
  if (input.refusal) {
    return refuse(input.refusal, 'a field has the wrong type');
  }
  if (
    clusterId !== undefined &&
    !context.state.clusters.some(cluster => cluster.id === clusterId)
  ) {
    return refuse(
      invalidReference('clusterId', 'cluster', clusterId),
      `unknown cluster ${clusterId}`,
    );
  }
  if (name === undefined) {
    return refuse(missingRequired('name'), 'name is required');
  }
  if (name === '') {
    return refuse(
      normanError('NotNullable', '', 'name'),
      'name must not be empty',
    );
  }
  if (clusterId === undefined) {
    return refuse(missingRequired('clusterId'), 'clusterId is required');
  }
  const quotas = {
    resourceQuota: resourceQuotaInput
      ? { limit: resourceQuotaLimit ?? {} }
      : undefined,
    namespaceDefaultResourceQuota: namespaceQuotaInput
      ? { limit: namespaceQuotaLimit ?? {} }
      : undefined,
    containerDefaultResourceLimit: containerLimit,
  };
  const quotaProblem = projectQuotaProblem(quotas);
  if (quotaProblem) {
    return refuse(
      normanError(
        quotaProblem.code,
        quotaProblem.message,
        quotaProblem.fieldName,
      ),
      `${quotaProblem.fieldName}: ${quotaProblem.message}`,
    );
  }
  for (const problem of input.contractProblems()) {
    context.violation(`${where}: ${problem}`);
  }

  const id = `${clusterId}:p-${randomSuffix()}`;
  const self = `${context.baseUrl}/v3/projects/${id}`;
  const now = new Date();
  const project: RancherProject = {
    id,
    type: 'project',
    baseType: 'project',
    name,
    clusterId,
    ...(description !== undefined ? { description } : {}),
    labels: { ...labels, 'cattle.io/creator': 'norman' },
    annotations: {
      ...annotations,
      'field.cattle.io/creatorId': context.creatorId,
      'authz.management.cattle.io/creator-role-bindings':
        '{"required":["project-owner"]}',
    },
    ...(quotas.resourceQuota
      ? { resourceQuota: { limit: quotas.resourceQuota.limit, usedLimit: {} } }
      : {}),
    ...(quotas.namespaceDefaultResourceQuota
      ? { namespaceDefaultResourceQuota: quotas.namespaceDefaultResourceQuota }
      : {}),
    ...(containerLimit
      ? { containerDefaultResourceLimit: containerLimit }
      : {}),
    state: 'active',
    transitioning: 'no',
    created: rfc3339Seconds(now),
    createdTS: now.getTime(),
    creatorId: context.creatorId,
    uuid: randomUUID(),
    links: { self, update: self, remove: self },
  };
  context.state.projects.push(project);
  addCreatorBinding(context, project);
  return normanJson(project, 201);
}

/**
 * PUT /v3/projects/:id. Norman copies the updatable fields of the body and
 * sends them to the Project resource as a merge patch
 * (rancher/norman store/proxy Update): fields left out keep their values,
 * maps are merged key by key and a null value removes a key. The quota
 * rules apply to the result, as the webhook checks updates too.
 */
function updateProject(
  context: RancherContext,
  { id: rawId }: Record<string, string>,
): Response {
  const id = decodeSegment(rawId) ?? rawId;
  const where = `PUT /v3/projects/${id}`;
  const project = context.state.projects.find(candidate => candidate.id === id);
  if (!project) {
    return normanError(
      'NotFound',
      `projects.management.cattle.io ${JSON.stringify(
        id.split(':').pop(),
      )} not found`,
    );
  }
  const refuse = (response: Response, problem: string) => {
    context.violation(`${where}: ${problem}`);
    return response;
  };
  const body = context.request.body;
  const changes =
    body !== null && typeof body === 'object' && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  const input = NormanBody.from(changes);
  input.dropUnknown(UPDATABLE_PROJECT_FIELDS);
  const name = input.string('name');
  const description = input.string('description');
  const labels = mergeStringMap(input, changes, 'labels', project.labels);
  const annotations = mergeStringMap(
    input,
    changes,
    'annotations',
    project.annotations,
  );
  const merged = mergePatch(
    {
      resourceQuota: project.resourceQuota && {
        limit: project.resourceQuota.limit,
      },
      namespaceDefaultResourceQuota: project.namespaceDefaultResourceQuota,
      containerDefaultResourceLimit: project.containerDefaultResourceLimit,
    },
    Object.fromEntries(
      [
        'resourceQuota',
        'namespaceDefaultResourceQuota',
        'containerDefaultResourceLimit',
      ]
        .filter(field => field in changes)
        .map(field => [field, changes[field]]),
    ),
  ) as Record<string, any>;
  const resourceQuotaLimit = input.stringStruct(
    merged.resourceQuota?.limit,
    'resourceQuota.limit',
    'resourceQuotaLimit',
    QUOTA_LIMIT_FIELDS,
  );
  const namespaceQuotaLimit = input.stringStruct(
    merged.namespaceDefaultResourceQuota?.limit,
    'namespaceDefaultResourceQuota.limit',
    'resourceQuotaLimit',
    QUOTA_LIMIT_FIELDS,
  );
  const containerLimit = input.stringStruct(
    merged.containerDefaultResourceLimit,
    'containerDefaultResourceLimit',
    'containerResourceLimit',
    CONTAINER_LIMIT_FIELDS,
  );
  if (input.refusal) {
    return refuse(input.refusal, 'a field has the wrong type');
  }
  if (name === '') {
    return refuse(
      normanError('NotNullable', '', 'name'),
      'name must not be empty',
    );
  }
  const quotas = {
    resourceQuota: merged.resourceQuota
      ? { limit: resourceQuotaLimit ?? {} }
      : undefined,
    namespaceDefaultResourceQuota: merged.namespaceDefaultResourceQuota
      ? { limit: namespaceQuotaLimit ?? {} }
      : undefined,
    containerDefaultResourceLimit: containerLimit,
  };
  const quotaProblem = projectQuotaProblem(quotas);
  if (quotaProblem) {
    return refuse(
      normanError(
        quotaProblem.code,
        quotaProblem.message,
        quotaProblem.fieldName,
      ),
      `${quotaProblem.fieldName}: ${quotaProblem.message}`,
    );
  }
  for (const problem of input.contractProblems()) {
    context.violation(`${where}: ${problem}`);
  }

  if (name !== undefined) project.name = name;
  if (description !== undefined) project.description = description;
  project.labels = labels;
  project.annotations = annotations;
  if (quotas.resourceQuota) {
    project.resourceQuota = {
      limit: quotas.resourceQuota.limit,
      usedLimit: project.resourceQuota?.usedLimit ?? {},
    };
  } else {
    delete project.resourceQuota;
  }
  if (quotas.namespaceDefaultResourceQuota) {
    project.namespaceDefaultResourceQuota =
      quotas.namespaceDefaultResourceQuota;
  } else {
    delete project.namespaceDefaultResourceQuota;
  }
  if (containerLimit) {
    project.containerDefaultResourceLimit = containerLimit;
  } else {
    delete project.containerDefaultResourceLimit;
  }
  return normanJson(project);
}

/** A map field merged into the current one; null values remove keys. */
function mergeStringMap(
  input: NormanBody,
  changes: Record<string, unknown>,
  field: string,
  current: Record<string, string>,
): Record<string, string> {
  const value = changes[field];
  if (value === undefined) {
    return current;
  }
  if (value === null) {
    return {};
  }
  const removed = Object.entries(
    typeof value === 'object' && !Array.isArray(value) ? value : {},
  )
    .filter(([, item]) => item === null)
    .map(([key]) => key);
  const given = input.stringMap(field) ?? {};
  const merged = { ...current, ...given };
  for (const key of removed) {
    delete merged[key];
  }
  return merged;
}
