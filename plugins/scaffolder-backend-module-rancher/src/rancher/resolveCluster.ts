import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CLUSTER_KIND, isClusterEntity } from '@wombat/plugin-wombat-common';

/** The cluster inputs the Rancher actions share. */
export interface ClusterInput {
  cluster?: string;
  instance?: string;
  clusterId?: string;
}

/** A cluster as Rancher knows it. */
export interface RancherCluster {
  instance: string;
  clusterId: string;
  /** How to name it in messages. */
  label: string;
}

/**
 * Finds the Rancher instance and cluster id: from a Cluster entity in the
 * catalog (its spec.rancher), or given directly as instance and clusterId.
 * Read with the task initiator's credentials, so a user cannot reach a
 * cluster they cannot see.
 */
export async function resolveCluster(
  input: ClusterInput,
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<RancherCluster> {
  if (input.cluster && input.clusterId) {
    throw new InputError(
      'Give either cluster (a Cluster entity) or clusterId, not both',
    );
  }
  if (input.clusterId) {
    const instance = input.instance ?? 'default';
    return {
      instance,
      clusterId: input.clusterId,
      label: `${input.clusterId} on Rancher ${instance}`,
    };
  }
  if (!input.cluster) {
    throw new InputError(
      'Name the cluster: cluster (a Cluster entity) or clusterId',
    );
  }
  let ref;
  try {
    ref = parseEntityRef(input.cluster, {
      defaultKind: CLUSTER_KIND,
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `cluster "${input.cluster}" is not an entity reference: ${
        (error as Error).message
      }`,
    );
  }
  const entity = await catalog.getEntityByRef(ref, { credentials });
  const name = stringifyEntityRef(ref);
  if (!entity) {
    throw new InputError(`cluster ${name} is not in the catalog`);
  }
  if (!isClusterEntity(entity)) {
    throw new InputError(`cluster ${name} is a ${entity.kind}, not a Cluster`);
  }
  if (entity.spec.type !== 'rancher' || !entity.spec.rancher) {
    throw new InputError(
      `Cluster ${name} is of type ${entity.spec.type}, not managed by Rancher`,
    );
  }
  return {
    instance: entity.spec.rancher.instance ?? input.instance ?? 'default',
    clusterId: entity.spec.rancher.clusterId,
    label: `${name} (${entity.spec.rancher.clusterId})`,
  };
}
