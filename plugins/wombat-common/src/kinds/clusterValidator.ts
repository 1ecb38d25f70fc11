import type { ClusterEntityV1alpha1 } from './ClusterEntityV1alpha1';
import { CLUSTER_KIND } from './constants';
import { checkEntityRef, createKindValidator } from './validation';
import schema from './schema/Cluster.v1alpha1.schema.json';

function checkClusterRules(cluster: ClusterEntityV1alpha1) {
  checkEntityRef('spec.owner', cluster.spec.owner, {
    allowedKinds: ['Group', 'User'],
    defaultKind: 'Group',
    defaultNamespace: cluster.metadata.namespace,
  });
}

/**
 * Validates Cluster entities: the JSON schema (a rancher cluster must say
 * where it lives in Rancher), the name and the owner reference.
 *
 * @public
 */
export const clusterEntityV1alpha1Validator =
  createKindValidator<ClusterEntityV1alpha1>({
    kind: CLUSTER_KIND,
    schema,
    checkRules: checkClusterRules,
  });
