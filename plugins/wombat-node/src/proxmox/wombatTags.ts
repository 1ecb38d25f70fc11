import { readProjectStamps } from '@wombat/plugin-wombat-common';

/*
 * How Wombat marks the VMs it made, shared by the scaffolder actions that
 * write the tags and the catalog provider that reads them. Proxmox tags are
 * lowercase letters, digits and _ - + . (pve-tag-list), separated by ";".
 * The project's tag is its stamp (`projectStamp`, from wombat-common):
 * `wombat-project.<namespace>.<name>`.
 */

/**
 * Every VM Wombat creates carries this tag; destroy refuses VMs without it
 * and the catalog lists only VMs with it.
 *
 * @public
 */
export const WOMBAT_TAG = 'wombat';

/** VMs of production carry this tag; destroy refuses them unless allowed. @public */
export const PRODUCTION_TAG = 'production';

const GROUP_OWNER_PREFIX = 'wombat-owner.';
const USER_OWNER_PREFIX = 'wombat-owner-user.';

/**
 * Whether only Wombat may write `tag`: `wombat` and every tag starting with
 * it (the project's stamp, the owner tags) and `production`. They decide
 * which project a VM belongs to, who owns it and whether destroy needs
 * `allowProduction`, so a caller's tags may not be one of them.
 *
 * @public
 */
export function isReservedTag(tag: string): boolean {
  return tag.startsWith(WOMBAT_TAG) || tag === PRODUCTION_TAG;
}

/**
 * A VM's owner as its tag holds it: a Group or a User of the catalog's
 * `default` namespace, by (lowercase) name.
 *
 * @public
 */
export interface ProxmoxVmOwner {
  kind: 'group' | 'user';
  name: string;
}

/**
 * The tag that names a VM's owner: `wombat-owner.<group>` for a group,
 * `wombat-owner-user.<user>` for a user.
 *
 * @public
 */
export function ownerTag(owner: ProxmoxVmOwner): string {
  return `${owner.kind === 'group' ? GROUP_OWNER_PREFIX : USER_OWNER_PREFIX}${
    owner.name
  }`;
}

const TAG = /^[a-z0-9_][a-z0-9_\-+.]*$/;

/** Why `tag` cannot be a Proxmox tag, or undefined. @public */
export function explainInvalidTag(tag: string): string | undefined {
  return TAG.test(tag)
    ? undefined
    : 'must be lowercase letters, digits, "_", "-", "+" or ".", not starting with "-", "+" or "."';
}

/** The tags of a VM, from Proxmox's ";"-separated list. @public */
export function parseTags(tags: string | undefined): string[] {
  return (tags ?? '')
    .split(/[;,\s]+/)
    .map(t => t.trim())
    .filter(Boolean);
}

/**
 * What Wombat's tags say about a VM: whether Wombat made it, the projects
 * its stamps name (full references; the old bare `wombat-project.payments`
 * reads as `project:default/payments`), its project when they name exactly
 * one, and its owner (with several owner tags, the first one counts).
 *
 * @public
 */
export function readWombatTags(tags: string[]): {
  wombat: boolean;
  /** The project reference, when the stamps name exactly one project. */
  project?: string;
  /** Every project the stamps name; more than one is ambiguous. */
  projects: string[];
  owner?: ProxmoxVmOwner;
} {
  const valueOf = (tag: string, prefix: string) =>
    tag.startsWith(prefix) && tag.length > prefix.length
      ? tag.slice(prefix.length)
      : undefined;
  let owner: ProxmoxVmOwner | undefined;
  for (const tag of tags) {
    if (!owner) {
      const group = valueOf(tag, GROUP_OWNER_PREFIX);
      const user = valueOf(tag, USER_OWNER_PREFIX);
      if (group) owner = { kind: 'group', name: group };
      else if (user) owner = { kind: 'user', name: user };
    }
  }
  const projects = readProjectStamps(tags);
  return {
    wombat: tags.includes(WOMBAT_TAG),
    ...(projects.length === 1 ? { project: projects[0] } : {}),
    projects,
    ...(owner ? { owner } : {}),
  };
}
