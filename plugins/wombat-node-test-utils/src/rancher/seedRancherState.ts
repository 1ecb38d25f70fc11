import { randomUUID } from 'crypto';
import {
  SYSTEM_NAMESPACES,
  type KubernetesClusterState,
} from '../kubernetes/KubernetesState';
import { rfc3339Seconds } from '../shared/timestamps';
import type { RancherCluster, RancherState } from './RancherState';

/**
 * A fresh Rancher: the given clusters, each with the namespaces a new
 * Kubernetes cluster has, the token's user, and a user for every `local://`
 * principal.
 */
export function seedRancherState(seed: {
  clusters: RancherCluster[];
  principals: string[];
  /** The user the API token belongs to. */
  tokenUserId: string;
}): RancherState {
  const tokenPrincipal = `local://${seed.tokenUserId}`;
  const principals = [
    tokenPrincipal,
    ...seed.principals.filter(principal => principal !== tokenPrincipal),
  ];
  return {
    clusters: seed.clusters.map(cluster => ({ ...cluster })),
    principals,
    users: principals
      .filter(principal => principal.startsWith('local://'))
      .map(principal => ({
        id: principal.slice('local://'.length),
        principalIds: [principal],
      })),
    projects: [],
    projectRoleTemplateBindings: [],
    kube: Object.fromEntries(
      seed.clusters.map(cluster => [cluster.id, emptyCluster()]),
    ),
  };
}

/** The namespaces of a new cluster. */
export function emptyCluster(): KubernetesClusterState {
  const created = rfc3339Seconds();
  return {
    namespaces: SYSTEM_NAMESPACES.map((name, index) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        uid: randomUUID(),
        resourceVersion: String(index + 1),
        creationTimestamp: created,
        labels: { 'kubernetes.io/metadata.name': name },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    })),
    resourceQuotas: [],
    limitRanges: [],
    secrets: [],
    roleBindings: [],
  };
}
