import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { GLOBAL_ROLE_RANK, GlobalRole } from './roles';

/** `wombat.rbac`, with references normalised. */
export interface RbacConfig {
  admins: Set<string>;
  /** Global role by user or group reference. */
  roles: Map<string, GlobalRole>;
  defaultRole: GlobalRole;
  refreshSeconds: number;
}

function normalise(ref: string, key: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind: 'group' }),
    ).toLocaleLowerCase('en-US');
  } catch (error) {
    throw new InputError(
      `${key}: "${ref}" is not an entity reference: ${
        (error as Error).message
      }`,
    );
  }
}

/** Reads `wombat.rbac`, failing at start on a mistake rather than per decision. */
export function readRbacConfig(config: Config): RbacConfig {
  const rbac = config.getOptionalConfig('wombat.rbac');
  const admins = new Set(
    (rbac?.getOptionalStringArray('admins') ?? []).map(a =>
      normalise(a, 'wombat.rbac.admins'),
    ),
  );
  const roles = new Map<string, GlobalRole>();
  (rbac?.getOptionalConfigArray('roles') ?? []).forEach((entry, index) => {
    const subject = normalise(
      entry.getString('subject'),
      `wombat.rbac.roles[${index}].subject`,
    );
    const role = entry.getString('role');
    if (!(role in GLOBAL_ROLE_RANK)) {
      throw new InputError(
        `wombat.rbac.roles[${index}].role "${role}" must be admin, developer or viewer`,
      );
    }
    const previous = roles.get(subject);
    if (
      !previous ||
      GLOBAL_ROLE_RANK[role as GlobalRole] > GLOBAL_ROLE_RANK[previous]
    ) {
      roles.set(subject, role as GlobalRole);
    }
  });
  const defaultRole = rbac?.getOptionalString('defaultRole') ?? 'viewer';
  if (defaultRole !== 'viewer' && defaultRole !== 'developer') {
    throw new InputError(
      `wombat.rbac.defaultRole "${defaultRole}" must be viewer or developer`,
    );
  }
  return {
    admins,
    roles,
    defaultRole,
    refreshSeconds: rbac?.getOptionalNumber('refreshSeconds') ?? 30,
  };
}
