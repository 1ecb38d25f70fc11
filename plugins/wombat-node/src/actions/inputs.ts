import type { z as zod } from 'zod/v3';

/**
 * The `project` input every Wombat action that creates, changes or deletes
 * takes: the Project the work belongs to. The action checks the
 * requester's role in it on the server.
 *
 * @public
 */
export const projectInput = (z: typeof zod) =>
  z.string({
    description:
      'The Wombat project this belongs to, as a full reference such as project:default/payments. The requester needs a role in it: developer to create, manager to remove.',
  });

/**
 * The `adopt` input: onboards an existing resource that Wombat did not
 * create, which only admins may do.
 *
 * @public
 */
export const adoptInput = (z: typeof zod) =>
  z
    .boolean({
      description:
        'Platform admins only: adopt an existing resource that carries no Wombat stamp into the project (how existing infrastructure is onboarded). Default false.',
    })
    .optional();

/**
 * The `instance` input of an action whose system may have several
 * configured instances.
 *
 * @public
 */
export function instanceInput(configKey: string) {
  return (z: typeof zod) =>
    z
      .string({
        description: `Name of a ${configKey} entry; default "default"`,
      })
      .optional();
}

/**
 * A checkpoint key built from what identifies the work, never from secrets:
 * `wombat.<system>:<instance>:<part>:...`.
 *
 * @public
 */
export function checkpointKey(
  system: string,
  instance: string,
  ...parts: Array<string | number>
): string {
  return [`wombat.${system}`, instance, ...parts.map(String)].join(':');
}
