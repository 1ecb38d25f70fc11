/*
 * How Wombat marks the VMs it made, shared by the scaffolder actions that
 * write the tags and the catalog provider that reads them. Proxmox tags are
 * lowercase letters, digits and _ - + . (pve-tag-list), separated by ";".
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

const PROJECT_PREFIX = 'wombat-project.';
const GROUP_OWNER_PREFIX = 'wombat-owner.';
const USER_OWNER_PREFIX = 'wombat-owner-user.';

/** The tag that says which Wombat project a VM belongs to. @public */
export function projectTag(project: string): string {
  return `${PROJECT_PREFIX}${project}`;
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
 * What Wombat's tags say about a VM: whether Wombat made it, its project and
 * its owner. With several project or owner tags, the first one counts.
 *
 * @public
 */
export function readWombatTags(tags: string[]): {
  wombat: boolean;
  project?: string;
  owner?: ProxmoxVmOwner;
} {
  const valueOf = (tag: string, prefix: string) =>
    tag.startsWith(prefix) && tag.length > prefix.length
      ? tag.slice(prefix.length)
      : undefined;
  let project: string | undefined;
  let owner: ProxmoxVmOwner | undefined;
  for (const tag of tags) {
    project ??= valueOf(tag, PROJECT_PREFIX);
    if (!owner) {
      const group = valueOf(tag, GROUP_OWNER_PREFIX);
      const user = valueOf(tag, USER_OWNER_PREFIX);
      if (group) owner = { kind: 'group', name: group };
      else if (user) owner = { kind: 'user', name: user };
    }
  }
  return { wombat: tags.includes(WOMBAT_TAG), project, owner };
}
