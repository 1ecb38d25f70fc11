import { randomUUID } from 'crypto';
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

/** List, read and create of v3 projects. */
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
