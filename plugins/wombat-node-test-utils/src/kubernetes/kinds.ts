/**
 * The kinds the fakes serve (core/v1 and rbac.authorization.k8s.io/v1), with
 * the swagger definition that describes each and the REST resource name used
 * in paths and messages.
 *
 * @public
 */
export type KubernetesKind =
  | 'Namespace'
  | 'ResourceQuota'
  | 'LimitRange'
  | 'Secret'
  | 'RoleBinding';

export interface KindInfo {
  kind: KubernetesKind;
  /** API group; `''` for core. */
  group: string;
  /** `v1` or `<group>/v1`, as in `apiVersion`. */
  apiVersion: string;
  /** Swagger definition of the object. */
  definition: string;
  /** Plural resource name, as in `/api/v1/namespaces/x/secrets` and `secrets "x" not found`. */
  resource: string;
  namespaced: boolean;
  /**
   * Whether a property the swagger marks `required` is refused when missing.
   * The RBAC types hold `roleRef` and subject fields as plain Go values, so
   * a missing one is an empty value that the kind's validation reports in
   * its own words.
   */
  swaggerRequired: boolean;
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

export const KINDS: Record<KubernetesKind, KindInfo> = {
  Namespace: {
    kind: 'Namespace',
    group: '',
    apiVersion: 'v1',
    definition: 'io.k8s.api.core.v1.Namespace',
    resource: 'namespaces',
    namespaced: false,
    swaggerRequired: true,
  },
  ResourceQuota: {
    kind: 'ResourceQuota',
    group: '',
    apiVersion: 'v1',
    definition: 'io.k8s.api.core.v1.ResourceQuota',
    resource: 'resourcequotas',
    namespaced: true,
    swaggerRequired: true,
  },
  LimitRange: {
    kind: 'LimitRange',
    group: '',
    apiVersion: 'v1',
    definition: 'io.k8s.api.core.v1.LimitRange',
    resource: 'limitranges',
    namespaced: true,
    swaggerRequired: true,
  },
  Secret: {
    kind: 'Secret',
    group: '',
    apiVersion: 'v1',
    definition: 'io.k8s.api.core.v1.Secret',
    resource: 'secrets',
    namespaced: true,
    swaggerRequired: true,
  },
  RoleBinding: {
    kind: 'RoleBinding',
    group: RBAC_GROUP,
    apiVersion: `${RBAC_GROUP}/v1`,
    definition: 'io.k8s.api.rbac.v1.RoleBinding',
    resource: 'rolebindings',
    namespaced: true,
    swaggerRequired: false,
  },
};

/** The core/v1 kind served under a plural resource name, if any. */
export function coreKindOfResource(resource: string): KindInfo | undefined {
  return Object.values(KINDS).find(
    info => info.group === '' && info.resource === resource,
  );
}
