import type { z as zod } from 'zod/v3';

/** The input that names the cluster, shared by the Rancher actions. */
export const clusterInput = (z: typeof zod) =>
  z.string({
    description:
      "A Cluster entity of type rancher, e.g. cluster:default/dev-eu. For an existing project, one of the clusters its environments run on. Rancher's management cluster (local) is refused.",
  });
