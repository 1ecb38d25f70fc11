import type { z as zod } from 'zod/v3';

/** The `instance` input every Harbor action takes. */
export const instanceInput = (z: typeof zod) =>
  z
    .string({
      description: 'Name of a wombat.harbor.instances entry; default "default"',
    })
    .optional();
