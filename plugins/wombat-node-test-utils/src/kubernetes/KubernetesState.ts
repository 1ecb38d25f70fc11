/**
 * Objects of the fake Kubernetes API as the API server returns them: plain
 * JSON in the shapes of the core/v1 and rbac/v1 types.
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

/** @public */
export interface KubernetesRoleRef {
  /** Defaults to `rbac.authorization.k8s.io`. */
  apiGroup: string;
  /** `Role` or `ClusterRole`. */
  kind: string;
  name: string;
}

/** @public */
export interface KubernetesSubject {
  /** `User`, `Group` or `ServiceAccount`. */
  kind: string;
  name: string;
  /** `rbac.authorization.k8s.io` for users and groups (the default), absent for service accounts. */
  apiGroup?: string;
  namespace?: string;
}

/** @public */
export interface KubernetesRoleBinding {
  apiVersion: 'rbac.authorization.k8s.io/v1';
  kind: 'RoleBinding';
  metadata: KubernetesObjectMeta;
  roleRef: KubernetesRoleRef;
  /** Absent when empty, as Go omits it. */
  subjects?: KubernetesSubject[];
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
  roleBindings: KubernetesRoleBinding[];
}

/** The state list holding a kind. */
export const STATE_LISTS = {
  Namespace: 'namespaces',
  ResourceQuota: 'resourceQuotas',
  LimitRange: 'limitRanges',
  Secret: 'secrets',
  RoleBinding: 'roleBindings',
} as const;

/** Namespaces every cluster starts with. */
export const SYSTEM_NAMESPACES = [
  'default',
  'kube-node-lease',
  'kube-public',
  'kube-system',
];
