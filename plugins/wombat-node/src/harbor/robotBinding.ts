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

const BINDING = /\[wombat: (\S+) delivers to (\S+)\]/;

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
  return description ? `${description} ${binding}` : binding;
}

/**
 * What a robot's description says about it: the projects it is stamped for
 * and the target it delivers to (undefined when Wombat did not describe it).
 *
 * @public
 */
export function readRobotBinding(description: string | undefined): {
  stamps: string[];
  target?: string;
} {
  const match = (description ?? '').match(BINDING);
  return {
    stamps: readProjectStamps(description ?? ''),
    target: match?.[2],
  };
}
