/**
 * Objects of the fake Kubernetes API as the API server returns them: plain
 * JSON in the shapes of the core/v1 types.
 */

/** @public */
export interface KubernetesObjectMeta {
  name: string;
  namespace?: string;
  generateName?: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  [field: string]: unknown;
}

/** @public */
export interface KubernetesNamespace {
  apiVersion: 'v1';
  kind: 'Namespace';
  metadata: KubernetesObjectMeta;
  spec?: { finalizers?: string[] };
  status?: { phase?: string; [field: string]: unknown };
}

/** @public */
export interface KubernetesResourceQuota {
  apiVersion: 'v1';
  kind: 'ResourceQuota';
  metadata: KubernetesObjectMeta;
  spec?: {
    hard?: Record<string, string>;
    scopes?: string[];
    [field: string]: unknown;
  };
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
}

/** @public */
export interface KubernetesLimitRangeItem {
  type: string;
  default?: Record<string, string>;
  defaultRequest?: Record<string, string>;
  max?: Record<string, string>;
  min?: Record<string, string>;
  maxLimitRequestRatio?: Record<string, string>;
}

/** @public */
export interface KubernetesLimitRange {
  apiVersion: 'v1';
  kind: 'LimitRange';
  metadata: KubernetesObjectMeta;
  spec: { limits: KubernetesLimitRangeItem[] };
}

/** @public */
export interface KubernetesSecret {
  apiVersion: 'v1';
  kind: 'Secret';
  metadata: KubernetesObjectMeta;
  /** Defaults to `Opaque`. */
  type: string;
  /** Base64 values; `stringData` sent on create is merged in here, as the API server does. */
  data?: Record<string, string>;
  immutable?: boolean;
}

/**
 * One downstream cluster's objects.
 *
 * @public
 */
export interface KubernetesClusterState {
  namespaces: KubernetesNamespace[];
  resourceQuotas: KubernetesResourceQuota[];
  limitRanges: KubernetesLimitRange[];
  secrets: KubernetesSecret[];
}

/** The state list holding a kind. */
export const STATE_LISTS = {
  Namespace: 'namespaces',
  ResourceQuota: 'resourceQuotas',
  LimitRange: 'limitRanges',
  Secret: 'secrets',
} as const;

/** Namespaces every cluster starts with. */
export const SYSTEM_NAMESPACES = [
  'default',
  'kube-node-lease',
  'kube-public',
  'kube-system',
];
