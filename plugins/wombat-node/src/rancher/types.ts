/*
 * The part of Rancher's v3 (norman) API that Wombat uses, from
 * rancher/rancher pkg/client/generated/management/v3.
 */

/** Resource names a Rancher project quota may limit. @public */
export const RANCHER_QUOTA_KEYS = [
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

/** @public */
export type RancherQuotaKey = (typeof RANCHER_QUOTA_KEYS)[number];

/** Quota limits; every value is a string, counts too ("10", "2000m", "4Gi"). @public */
export type RancherQuotaLimit = Partial<Record<RancherQuotaKey, string>>;

/** @public */
export interface RancherProject {
  /** `c-xxxxx:p-yyyyy` */
  id: string;
  name: string;
  clusterId: string;
  description?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  resourceQuota?: { limit: RancherQuotaLimit } | null;
  namespaceDefaultResourceQuota?: { limit: RancherQuotaLimit } | null;
  state?: string;
}

/** Body of POST /v3/projects. @public */
export type RancherProjectCreate = Omit<RancherProject, 'id' | 'state'>;

/** Body of PUT /v3/projects/:id: the fields to change. @public */
export type RancherProjectUpdate = Partial<
  Pick<RancherProject, 'description' | 'labels' | 'annotations'>
>;

/** Built-in project roles. @public */
export const RANCHER_PROJECT_ROLES = [
  'project-owner',
  'project-member',
  'read-only',
] as const;

/** @public */
export type RancherProjectRole = (typeof RANCHER_PROJECT_ROLES)[number];

/** @public */
export interface RancherProjectRoleTemplateBinding {
  id?: string;
  projectId: string;
  roleTemplateId: string;
  userPrincipalId?: string;
  groupPrincipalId?: string;
  userId?: string;
  groupId?: string;
}
