import { DEFAULT_NAMESPACE, Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  CLUSTER_KIND,
  ProjectEnvironment,
  isClusterEntity,
  normalizeEntityRef,
} from '@wombat/plugin-wombat-common';
import { ProjectScope } from '@wombat/plugin-wombat-node';
import { MANAGEMENT_CLUSTER_ID } from './reservedNames';

/** A cluster as Rancher knows it, and what the project has there. */
export interface RancherCluster {
  /** The Cluster entity's reference, normalised. */
  ref: string;
  instance: string;
  clusterId: string;
  /** How to name it in messages. */
  label: string;
  /** The project's environments on this cluster; none for a new project. */
  environments: ProjectEnvironment[];
}

/** A Cluster reference as the catalog resolves it, or undefined. */
function clusterRefOf(
  ref: string,
  defaultNamespace: string,
): string | undefined {
  try {
    return normalizeEntityRef(ref, {
      defaultKind: CLUSTER_KIND,
      defaultNamespace,
    });
  } catch {
    return undefined;
  }
}

/**
 * The Rancher instance and cluster id of the `cluster` input, a Cluster
 * entity. For an existing project it must be a cluster one of its
 * environments runs on; Rancher's management cluster is never one. The
 * entity is read with the module's own credentials: the requester's
 * right to the cluster comes from the project, not from what they can see.
 */
export async function resolveCluster(options: {
  cluster: string;
  scope: ProjectScope;
  /** Reads an entity with the module's own credentials (`ProjectGuard.readEntity`). */
  readEntity: (ref: string) => Promise<Entity | undefined>;
}): Promise<RancherCluster> {
  const { scope } = options;
  const ref = clusterRefOf(options.cluster, DEFAULT_NAMESPACE);
  if (!ref) {
    throw new InputError(
      `cluster "${options.cluster}" is not an entity reference such as cluster:default/dev-eu`,
    );
  }
  if (!ref.startsWith(`${CLUSTER_KIND.toLocaleLowerCase('en-US')}:`)) {
    throw new InputError(`cluster ${ref} is not a Cluster reference`);
  }
  let environments: ProjectEnvironment[] = [];
  if (scope.entity) {
    const namespace = scope.entity.metadata.namespace ?? DEFAULT_NAMESPACE;
    const all = scope.entity.spec.environments ?? [];
    environments = all.filter(
      environment => clusterRefOf(environment.cluster, namespace) === ref,
    );
    if (environments.length === 0) {
      const clusters = [
        ...new Set(
          all.map(e => clusterRefOf(e.cluster, namespace) ?? e.cluster),
        ),
      ];
      throw new NotAllowedError(
        `cluster ${ref} is not a cluster of ${scope.ref}: ${
          clusters.length
            ? `its environments run on ${clusters.join(', ')}`
            : 'it has no environments'
        }`,
      );
    }
  }
  const entity = await options.readEntity(ref);
  if (!entity) {
    throw new InputError(`cluster ${ref} is not in the catalog`);
  }
  if (!isClusterEntity(entity)) {
    throw new InputError(`cluster ${ref} is a ${entity.kind}, not a Cluster`);
  }
  if (entity.spec.type !== 'rancher' || !entity.spec.rancher) {
    throw new InputError(
      `Cluster ${ref} is of type ${entity.spec.type}, not managed by Rancher`,
    );
  }
  const { clusterId } = entity.spec.rancher;
  if (clusterId.trim().toLocaleLowerCase('en-US') === MANAGEMENT_CLUSTER_ID) {
    throw new NotAllowedError(
      `Cluster ${ref} is Rancher's management cluster (${MANAGEMENT_CLUSTER_ID}), where Rancher itself runs; Wombat never creates projects or namespaces there`,
    );
  }
  return {
    ref,
    instance: entity.spec.rancher.instance ?? 'default',
    clusterId,
    label: `${ref} (${clusterId})`,
    environments,
  };
}
