/** The apiVersion of Wombat's catalog kinds. @public */
export const WOMBAT_API_VERSION = 'wombat.dev/v1alpha1';

/** @public */
export const PROJECT_KIND = 'Project';

/** @public */
export const CLUSTER_KIND = 'Cluster';

/** The roles a member can hold in a project, from most to least powerful. @public */
export const PROJECT_ROLES = ['manager', 'developer', 'viewer'] as const;

/** @public */
export const PROJECT_VISIBILITIES = ['internal', 'private'] as const;

/** @public */
export const CLUSTER_TYPES = ['rancher', 'kubernetes'] as const;

/** @public */
export const CLUSTER_ENVIRONMENTS = [
  'development',
  'staging',
  'production',
] as const;
