import { InputError } from '@backstage/errors';
import { RancherQuotaKey, RancherQuotaLimit } from '@wombat/plugin-wombat-node';
import { parseQuantity } from './quantities';

export type QuotaInput = Partial<Record<RancherQuotaKey, string | number>>;

/** Rancher wants every limit as a string, counts too. */
function toLimit(field: string, quota: QuotaInput): RancherQuotaLimit {
  const limit: RancherQuotaLimit = {};
  for (const [key, value] of Object.entries(quota)) {
    if (value === undefined) continue;
    if (parseQuantity(value) === undefined) {
      throw new InputError(
        `${field}.${key} "${value}" is not a Kubernetes quantity such as 2, 500m or 4Gi`,
      );
    }
    limit[key as RancherQuotaKey] = String(value);
  }
  return limit;
}

/**
 * Checks the two quotas the way Rancher's webhook does, before any request:
 * both or neither, the same resources, and no namespace default above the
 * project's limit.
 */
export function planProjectQuotas(
  resourceQuota?: QuotaInput,
  namespaceDefaultQuota?: QuotaInput,
): { resourceQuota?: RancherQuotaLimit; namespaceDefault?: RancherQuotaLimit } {
  if (!resourceQuota && !namespaceDefaultQuota) {
    return {};
  }
  if (!resourceQuota || !namespaceDefaultQuota) {
    throw new InputError(
      'resourceQuota and namespaceDefaultQuota go together: Rancher needs a default for every namespace of a project with a quota',
    );
  }
  const project = toLimit('resourceQuota', resourceQuota);
  const namespace = toLimit('namespaceDefaultQuota', namespaceDefaultQuota);
  const projectKeys = Object.keys(project).sort().join(', ');
  const namespaceKeys = Object.keys(namespace).sort().join(', ');
  if (projectKeys !== namespaceKeys) {
    throw new InputError(
      `resourceQuota limits ${
        projectKeys || 'nothing'
      } but namespaceDefaultQuota limits ${
        namespaceKeys || 'nothing'
      }; Rancher needs the same resources in both`,
    );
  }
  for (const key of Object.keys(project) as RancherQuotaKey[]) {
    if (parseQuantity(namespace[key]!)! > parseQuantity(project[key]!)!) {
      throw new InputError(
        `namespaceDefaultQuota.${key} ${namespace[key]} exceeds the project's resourceQuota.${key} ${project[key]}`,
      );
    }
  }
  return { resourceQuota: project, namespaceDefault: namespace };
}

/** Whether two limits mean the same, whatever their spelling ("1" vs "1000m"). */
export function sameLimits(
  a: RancherQuotaLimit | undefined,
  b: RancherQuotaLimit | undefined,
): boolean {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  return [...keys].every(key => {
    const left = (a as Record<string, string> | undefined)?.[key];
    const right = (b as Record<string, string> | undefined)?.[key];
    return (
      left !== undefined &&
      right !== undefined &&
      parseQuantity(left) === parseQuantity(right)
    );
  });
}
