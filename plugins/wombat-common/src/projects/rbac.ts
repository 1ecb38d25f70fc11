import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { normalizeEntityRef } from './refs';
import { GLOBAL_ROLE_RANK, GlobalRole } from './roles';

/**
 * `wombat.rbac`: who is an admin and which global roles users and groups
 * hold, references normalised.
 *
 * @public
 */
export interface WombatRbac {
  admins: ReadonlySet<string>;
  /** The global role of a user or group reference. */
  roles: ReadonlyMap<string, GlobalRole>;
  /** The global role of everyone else. */
  defaultRole: 'developer' | 'viewer';
}

function subject(ref: string, key: string): string {
  try {
    return normalizeEntityRef(ref, { defaultKind: 'group' });
  } catch (error) {
    throw new InputError(
      `${key}: "${ref}" is not an entity reference: ${
        (error as Error).message
      }`,
    );
  }
}

/**
 * Reads `wombat.rbac`. A mistake (an unknown role, a reference that does
 * not parse) throws at start rather than failing decisions later.
 *
 * @public
 */
export function readWombatRbac(config: Config): WombatRbac {
  const rbac = config.getOptionalConfig('wombat.rbac');
  const admins = new Set(
    (rbac?.getOptionalStringArray('admins') ?? []).map(a =>
      subject(a, 'wombat.rbac.admins'),
    ),
  );
  const roles = new Map<string, GlobalRole>();
  (rbac?.getOptionalConfigArray('roles') ?? []).forEach((entry, index) => {
    const key = subject(
      entry.getString('subject'),
      `wombat.rbac.roles[${index}].subject`,
    );
    const role = entry.getString('role');
    if (!(role in GLOBAL_ROLE_RANK)) {
      throw new InputError(
        `wombat.rbac.roles[${index}].role "${role}" must be admin, developer or viewer`,
      );
    }
    const previous = roles.get(key);
    if (
      !previous ||
      GLOBAL_ROLE_RANK[role as GlobalRole] > GLOBAL_ROLE_RANK[previous]
    ) {
      roles.set(key, role as GlobalRole);
    }
  });
  const defaultRole = rbac?.getOptionalString('defaultRole') ?? 'viewer';
  if (defaultRole !== 'viewer' && defaultRole !== 'developer') {
    throw new InputError(
      `wombat.rbac.defaultRole "${defaultRole}" must be viewer or developer`,
    );
  }
  return { admins, roles, defaultRole };
}

/**
 * The global role of someone with these (lowercase) ownership references:
 * admin when one of them is in `admins`, else the highest configured role,
 * else the default.
 *
 * @public
 */
export function globalRoleOf(
  rbac: WombatRbac,
  ownershipRefs: readonly string[],
): GlobalRole {
  let role: GlobalRole = rbac.defaultRole;
  for (const ref of ownershipRefs) {
    if (rbac.admins.has(ref)) {
      return 'admin';
    }
    const held = rbac.roles.get(ref);
    if (held && GLOBAL_ROLE_RANK[held] > GLOBAL_ROLE_RANK[role]) {
      role = held;
    }
  }
  return role;
}
