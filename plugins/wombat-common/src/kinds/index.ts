export * from './constants';
export type * from './ProjectEntityV1alpha1';
export type * from './ClusterEntityV1alpha1';
export {
  isProjectEntity,
  isClusterEntity,
  getProjectVisibility,
} from './guards';
export { projectEntityV1alpha1Validator } from './projectValidator';
export { clusterEntityV1alpha1Validator } from './clusterValidator';
export { DNS_LABEL_MAX_LENGTH, explainInvalidDnsLabel } from './validation';
export { getEntityProjectRef } from './projectRef';
export { default as projectEntityV1alpha1Schema } from './schema/Project.v1alpha1.schema.json';
export { default as clusterEntityV1alpha1Schema } from './schema/Cluster.v1alpha1.schema.json';
