import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { RancherKubernetes } from '@wombat/plugin-wombat-node';
import { parseQuantity } from './quantities';

/** Names of the objects Wombat manages in a namespace. */
export const QUOTA_NAME = 'wombat-quota';
export const LIMIT_RANGE_NAME = 'wombat-limits';

export type LimitRangeInput = {
  default?: { cpu?: string; memory?: string };
  defaultRequest?: { cpu?: string; memory?: string };
  max?: { cpu?: string; memory?: string };
};

/** Checks that every value is a Kubernetes quantity; returns them as strings. */
export function checkQuantities(
  field: string,
  values: Record<string, string | number | undefined> | undefined,
): Record<string, string> | undefined {
  if (!values) return undefined;
  const checked: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (parseQuantity(value) === undefined) {
      throw new InputError(
        `${field}.${key} "${value}" is not a Kubernetes quantity such as 2, 500m or 4Gi`,
      );
    }
    checked[key] = String(value);
  }
  return checked;
}

function sameQuantities(
  a: Record<string, string> = {},
  b: Record<string, string> = {},
) {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every(
    k =>
      a[k] !== undefined &&
      b[k] !== undefined &&
      parseQuantity(a[k]) === parseQuantity(b[k]),
  );
}

/** Creates the namespace's ResourceQuota, or accepts an identical one. */
export async function ensureResourceQuota(
  kubernetes: RancherKubernetes,
  namespace: string,
  hard: Record<string, string>,
  annotations: Record<string, string>,
  logger: LoggerService,
): Promise<void> {
  const existing = await kubernetes.readResourceQuota(namespace, QUOTA_NAME);
  if (existing) {
    if (!sameQuantities(existing.spec?.hard as Record<string, string>, hard)) {
      throw new ConflictError(
        `ResourceQuota ${namespace}/${QUOTA_NAME} already exists with ${JSON.stringify(
          existing.spec?.hard ?? {},
        )}; the template asks for ${JSON.stringify(hard)}`,
      );
    }
    return;
  }
  await kubernetes.createResourceQuota(namespace, {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: QUOTA_NAME, namespace, annotations },
    spec: { hard },
  });
  logger.info(`Created ResourceQuota ${namespace}/${QUOTA_NAME}`);
}

/** Creates the namespace's LimitRange for containers, or accepts an identical one. */
export async function ensureLimitRange(
  kubernetes: RancherKubernetes,
  namespace: string,
  limits: LimitRangeInput,
  annotations: Record<string, string>,
  logger: LoggerService,
): Promise<void> {
  const item = {
    type: 'Container',
    ...(limits.default ? { _default: limits.default } : {}),
    ...(limits.defaultRequest ? { defaultRequest: limits.defaultRequest } : {}),
    ...(limits.max ? { max: limits.max } : {}),
  };
  const existing = await kubernetes.readLimitRange(namespace, LIMIT_RANGE_NAME);
  if (existing) {
    const [current] = existing.spec?.limits ?? [];
    const same =
      sameQuantities(current?._default, limits.default) &&
      sameQuantities(current?.defaultRequest, limits.defaultRequest) &&
      sameQuantities(current?.max, limits.max);
    if (!same) {
      throw new ConflictError(
        `LimitRange ${namespace}/${LIMIT_RANGE_NAME} already exists with other limits`,
      );
    }
    return;
  }
  await kubernetes.createLimitRange(namespace, {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: LIMIT_RANGE_NAME, namespace, annotations },
    spec: { limits: [item] },
  });
  logger.info(`Created LimitRange ${namespace}/${LIMIT_RANGE_NAME}`);
}
