import type { Entity } from '@backstage/catalog-model';
import { CLUSTER_ENVIRONMENTS, CLUSTER_TYPES } from './constants';

/** @public */
export type ClusterType = (typeof CLUSTER_TYPES)[number];

/** @public */
export type ClusterEnvironment = (typeof CLUSTER_ENVIRONMENTS)[number];

/** The Cluster kind. @public */
export interface ClusterEntityV1alpha1 extends Entity {
  apiVersion: 'wombat.dev/v1alpha1';
  kind: 'Cluster';
  spec: {
    owner: string;
    type: ClusterType;
    environment: ClusterEnvironment;
    /** Where the cluster lives in Rancher; present when type is rancher. */
    rancher?: {
      /** Name of a `wombat.rancher.instances` entry; `default` when absent. */
      instance?: string;
      clusterId: string;
    };
  };
}
