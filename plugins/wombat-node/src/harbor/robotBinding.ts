import { readProjectStamps } from '@wombat/plugin-wombat-common';

/**
 * Where a Harbor robot's credentials go. A robot serves one target only:
 * its secret is shown once and handed over at once, so a robot that
 * delivers somewhere else must never be given a new secret for another
 * target (the first target's credentials would stop working, and the new
 * target would hold someone else's access).
 *
 * @public
 */
export type RobotTarget =
  | {
      kind: 'gitlab';
      /** The GitLab host, as in integrations.gitlab. */
      host: string;
      /** The GitLab project's full path. */
      path: string;
    }
  | {
      kind: 'namespace';
      /** The Cluster entity reference. */
      cluster: string;
      namespace: string;
      secret: string;
    };

/** How a target reads in a robot's description: one word. @public */
export function robotTargetWord(target: RobotTarget): string {
  return target.kind === 'gitlab'
    ? `gitlab:${target.host}/${target.path}`.toLocaleLowerCase('en-US')
    : `namespace:${target.cluster}/${target.namespace}/${target.secret}`.toLocaleLowerCase(
        'en-US',
      );
}

// Only the binding at the very end counts: Wombat appends it after the
// caller's own words, so a binding typed into those words is never read.
const BINDING = /\[wombat: (\S+) delivers to (\S+)\]$/;

/**
 * The description Wombat gives a robot: what it is for, then its project's
 * stamp and its target, which `readRobotBinding` reads back.
 *
 * @public
 */
export function robotDescription(
  stamp: string,
  target: RobotTarget,
  description?: string,
): string {
  const binding = `[wombat: ${stamp} delivers to ${robotTargetWord(target)}]`;
  const purpose = description?.trim();
  return purpose ? `${purpose} ${binding}` : binding;
}

/**
 * What a robot's description says about it: the projects its binding is
 * stamped for and the target it delivers to; no stamps and no target when
 * Wombat did not describe it. Stamps elsewhere in the description (the
 * caller's own words) do not count.
 *
 * @public
 */
export function readRobotBinding(description: string | undefined): {
  stamps: string[];
  target?: string;
} {
  const match = (description ?? '').trim().match(BINDING);
  return match
    ? { stamps: readProjectStamps(match[1]), target: match[2] }
    : { stamps: [] };
}
