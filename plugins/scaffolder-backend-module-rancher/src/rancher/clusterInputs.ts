import type { z as zod } from 'zod/v3';

/** The inputs that name a cluster, shared by the Rancher actions. */
export const clusterInputs = {
  cluster: (z: typeof zod) =>
    z
      .string({
        description:
          'A Cluster entity of type rancher, e.g. cluster:default/dev-eu; or give instance and clusterId',
      })
      .optional(),
  instance: (z: typeof zod) =>
    z
      .string({
        description:
          'Name of a wombat.rancher.instances entry, with clusterId; default "default"',
      })
      .optional(),
  clusterId: (z: typeof zod) =>
    z
      .string({ description: "Rancher's cluster id, e.g. c-m-abc12" })
      .optional(),
};
