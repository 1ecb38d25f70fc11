import { parseQuantity, QUANTITY_FORMAT_MESSAGE } from '../kubernetes/quantity';
import type {
  RancherContainerResourceLimit,
  RancherResourceQuotaLimit,
} from './RancherState';
import type { NormanErrorCode } from './normanResponses';

/** The keys of a quota `limit` (rancher zz_generated_resource_quota_limit.go). */
export const QUOTA_LIMIT_FIELDS = [
  'pods',
  'services',
  'replicationControllers',
  'secrets',
  'configMaps',
  'persistentVolumeClaims',
  'servicesNodePorts',
  'servicesLoadBalancers',
  'requestsCpu',
  'requestsMemory',
  'requestsStorage',
  'limitsCpu',
  'limitsMemory',
] as const;

/** The keys of `containerDefaultResourceLimit`. */
export const CONTAINER_LIMIT_FIELDS = [
  'limitsCpu',
  'limitsMemory',
  'requestsCpu',
  'requestsMemory',
] as const;

export interface QuotaProblem {
  code: NormanErrorCode;
  fieldName: string;
  message: string;
}

const PROJECT_QUOTA = 'resourceQuota';
const NAMESPACE_QUOTA = 'namespaceDefaultResourceQuota';
const CONTAINER_LIMIT = 'containerDefaultResourceLimit';

/**
 * The quota rules Rancher applies to a project (norman's project store and
 * the rancher-webhook project validator): both quotas or neither, the same
 * resources in both, valid quantities, namespace defaults within the project
 * limits, and container requests within container limits.
 */
export function projectQuotaProblem(project: {
  resourceQuota?: { limit?: RancherResourceQuotaLimit };
  namespaceDefaultResourceQuota?: { limit?: RancherResourceQuotaLimit };
  containerDefaultResourceLimit?: RancherContainerResourceLimit;
}): QuotaProblem | undefined {
  const containerProblem = containerLimitProblem(
    project.containerDefaultResourceLimit,
  );
  if (containerProblem) {
    return containerProblem;
  }
  const projectQuota = project.resourceQuota;
  const namespaceQuota = project.namespaceDefaultResourceQuota;
  if (!projectQuota && !namespaceQuota) {
    return undefined;
  }
  if (!namespaceQuota) {
    return missing(NAMESPACE_QUOTA, `required when ${PROJECT_QUOTA} is set`);
  }
  if (!projectQuota) {
    return missing(PROJECT_QUOTA, `required when ${NAMESPACE_QUOTA} is set`);
  }
  const projectLimit = projectQuota.limit ?? {};
  const namespaceLimit = namespaceQuota.limit ?? {};
  const projectKeys = Object.keys(projectLimit);
  if (projectKeys.length !== Object.keys(namespaceLimit).length) {
    return missing(
      NAMESPACE_QUOTA,
      `does not have all fields defined on a ${PROJECT_QUOTA}`,
    );
  }
  const absent = projectKeys.find(key => !(key in namespaceLimit));
  if (absent) {
    return missing(
      NAMESPACE_QUOTA,
      `misses ${absent} defined on a ${PROJECT_QUOTA}`,
    );
  }
  const malformed =
    malformedQuantity(projectLimit, PROJECT_QUOTA) ??
    malformedQuantity(namespaceLimit, NAMESPACE_QUOTA);
  if (malformed) {
    return malformed;
  }
  const exceeded = projectKeys
    .filter(key => {
      const namespaceValue = parseQuantity(
        namespaceLimit[key as keyof RancherResourceQuotaLimit]!,
      )!;
      const projectValue = parseQuantity(
        projectLimit[key as keyof RancherResourceQuotaLimit]!,
      )!;
      return namespaceValue > projectValue || namespaceValue < 0;
    })
    .sort();
  if (exceeded.length > 0) {
    return {
      code: 'MaxLimitExceeded',
      fieldName: NAMESPACE_QUOTA,
      message: `namespace default quota limit exceeds project limit on fields: ${exceeded
        .map(
          key =>
            `${key}=${namespaceLimit[key as keyof RancherResourceQuotaLimit]}`,
        )
        .join(',')}`,
    };
  }
  return undefined;
}

function missing(fieldName: string, message: string): QuotaProblem {
  return { code: 'MissingRequired', fieldName, message };
}

function malformedQuantity(
  limit: RancherResourceQuotaLimit,
  fieldName: string,
): QuotaProblem | undefined {
  const values: Record<string, string | undefined> = { ...limit };
  const key = Object.keys(values).find(
    name => parseQuantity(values[name] ?? '') === undefined,
  );
  return key
    ? {
        code: 'InvalidFormat',
        fieldName,
        message: `${key}: ${QUANTITY_FORMAT_MESSAGE}`,
      }
    : undefined;
}

const CONTAINER_LABELS: Record<string, string> = {
  requestsCpu: 'container default requested CPU',
  limitsCpu: 'container default CPU limit',
  requestsMemory: 'container default requested memory',
  limitsMemory: 'container default memory limit',
};

function containerLimitProblem(
  limit: RancherContainerResourceLimit | undefined,
): QuotaProblem | undefined {
  if (!limit) {
    return undefined;
  }
  for (const [key, value] of Object.entries(limit)) {
    if (value && parseQuantity(value) === undefined) {
      return {
        code: 'InvalidFormat',
        fieldName: CONTAINER_LIMIT,
        message: `failed to parse ${CONTAINER_LABELS[key]}: ${QUANTITY_FORMAT_MESSAGE}`,
      };
    }
  }
  for (const resource of ['CPU', 'memory'] as const) {
    const suffix = resource === 'CPU' ? 'Cpu' : 'Memory';
    const request = limit[`requests${suffix}`];
    const max = limit[`limits${suffix}`];
    if (request && max && parseQuantity(request)! > parseQuantity(max)!) {
      return {
        code: 'MaxLimitExceeded',
        fieldName: CONTAINER_LIMIT,
        message: `requested ${resource} ${request} is greater than limit ${max}`,
      };
    }
  }
  return undefined;
}
