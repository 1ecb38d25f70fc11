import type { KubernetesClusterState } from '../kubernetes/KubernetesState';

/**
 * In-memory state of the Rancher fake, as plain objects that tests can read
 * directly. Projects and bindings are stored in the shape the v3 (norman)
 * API returns them.
 */

/** @public */
export interface RancherCluster {
  /** e.g. `c-m-abc12`. */
  id: string;
  name: string;
}

/**
 * Quota limits; every value is a Kubernetes quantity string.
 *
 * @public
 */
export interface RancherResourceQuotaLimit {
  pods?: string;
  services?: string;
  replicationControllers?: string;
  secrets?: string;
  configMaps?: string;
  persistentVolumeClaims?: string;
  servicesNodePorts?: string;
  servicesLoadBalancers?: string;
  requestsCpu?: string;
  requestsMemory?: string;
  requestsStorage?: string;
  limitsCpu?: string;
  limitsMemory?: string;
}

/** @public */
export interface RancherContainerResourceLimit {
  limitsCpu?: string;
  limitsMemory?: string;
  requestsCpu?: string;
  requestsMemory?: string;
}

/** @public */
export interface RancherProject {
  /** `<clusterId>:p-xxxxx`. */
  id: string;
  type: 'project';
  baseType: 'project';
  name: string;
  clusterId: string;
  description?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  resourceQuota?: {
    limit: RancherResourceQuotaLimit;
    usedLimit?: RancherResourceQuotaLimit;
  };
  namespaceDefaultResourceQuota?: { limit: RancherResourceQuotaLimit };
  containerDefaultResourceLimit?: RancherContainerResourceLimit;
  state: 'active';
  transitioning: 'no';
  created: string;
  createdTS: number;
  creatorId: string;
  uuid: string;
  links: { self: string; update: string; remove: string };
}

/** @public */
export interface RancherProjectRoleTemplateBinding {
  /** `p-xxxxx:prtb-xxxxx`. */
  id: string;
  type: 'projectRoleTemplateBinding';
  baseType: 'projectRoleTemplateBinding';
  name: string;
  namespaceId: null;
  projectId: string;
  roleTemplateId: string;
  userId?: string;
  userPrincipalId?: string;
  groupId?: string;
  groupPrincipalId?: string;
  created: string;
  createdTS: number;
  creatorId: string;
  uuid: string;
  links: { self: string; update: string; remove: string };
}

/**
 * A Rancher user. Rancher creates one the first time an external principal
 * gets a binding.
 *
 * @public
 */
export interface RancherUser {
  /** `u-xxxxx`. */
  id: string;
  principalIds: string[];
}

/** @public */
export interface RancherState {
  clusters: RancherCluster[];
  /** Principal ids the auth providers know, e.g. `local://u-jdoe`. */
  principals: string[];
  users: RancherUser[];
  projects: RancherProject[];
  projectRoleTemplateBindings: RancherProjectRoleTemplateBinding[];
  /** Objects of each downstream cluster, by cluster id. */
  kube: Record<string, KubernetesClusterState>;
}
