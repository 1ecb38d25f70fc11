import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { WombatRbac, readWombatRbac } from '@wombat/plugin-wombat-common';

/** `wombat.rbac`, as the policy needs it. */
export interface RbacConfig extends WombatRbac {
  /** How often projects are read from the catalog. */
  refreshSeconds: number;
  /**
   * How old the last successful read may be before the policy stops
   * trusting it and denies: three refreshes, at least a minute.
   */
  maxDirectoryAgeSeconds: number;
}

/** Reads `wombat.rbac`, failing at start on a mistake rather than per decision. */
export function readRbacConfig(config: Config): RbacConfig {
  const refreshSeconds =
    config.getOptionalNumber('wombat.rbac.refreshSeconds') ?? 30;
  if (!(refreshSeconds > 0)) {
    throw new InputError(
      `wombat.rbac.refreshSeconds ${refreshSeconds} must be a positive number of seconds`,
    );
  }
  return {
    ...readWombatRbac(config),
    refreshSeconds,
    maxDirectoryAgeSeconds: Math.max(60, 3 * refreshSeconds),
  };
}
