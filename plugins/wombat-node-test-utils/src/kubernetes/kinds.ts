/**
 * The core/v1 kinds the fakes serve, with the swagger definition that
 * describes each and the REST resource name used in paths and messages.
 *
 * @public
 */
export type KubernetesKind =
  | 'Namespace'
  | 'ResourceQuota'
  | 'LimitRange'
  | 'Secret';

export interface KindInfo {
  kind: KubernetesKind;
  /** Swagger definition of the object. */
  definition: string;
  /** Plural resource name, as in `/api/v1/namespaces/x/secrets` and `secrets "x" not found`. */
  resource: string;
  namespaced: boolean;
}

export const KINDS: Record<KubernetesKind, KindInfo> = {
  Namespace: {
    kind: 'Namespace',
    definition: 'io.k8s.api.core.v1.Namespace',
    resource: 'namespaces',
    namespaced: false,
  },
  ResourceQuota: {
    kind: 'ResourceQuota',
    definition: 'io.k8s.api.core.v1.ResourceQuota',
    resource: 'resourcequotas',
    namespaced: true,
  },
  LimitRange: {
    kind: 'LimitRange',
    definition: 'io.k8s.api.core.v1.LimitRange',
    resource: 'limitranges',
    namespaced: true,
  },
  Secret: {
    kind: 'Secret',
    definition: 'io.k8s.api.core.v1.Secret',
    resource: 'secrets',
    namespaced: true,
  },
};

/** The kind served under a plural resource name, if any. */
export function kindOfResource(resource: string): KindInfo | undefined {
  return Object.values(KINDS).find(info => info.resource === resource);
}
