/*
 * How Wombat marks the VMs it made. Proxmox tags are lowercase letters,
 * digits and _ - + . (pve-tag-list), separated by ";".
 */

/** Every VM Wombat creates carries this tag; destroy refuses VMs without it. */
export const WOMBAT_TAG = 'wombat';

/** VMs of production carry this tag; destroy refuses them unless allowed. */
export const PRODUCTION_TAG = 'production';

/** The tag that says which Wombat project a VM belongs to. */
export function projectTag(project: string): string {
  return `wombat-project.${project}`;
}

const TAG = /^[a-z0-9_][a-z0-9_\-+.]*$/;

/** Why `tag` cannot be a Proxmox tag, or undefined. */
export function explainInvalidTag(tag: string): string | undefined {
  return TAG.test(tag)
    ? undefined
    : 'must be lowercase letters, digits, "_", "-", "+" or ".", not starting with "-", "+" or "."';
}

/** The tags of a VM, from Proxmox's ";"-separated list. */
export function parseTags(tags: string | undefined): string[] {
  return (tags ?? '')
    .split(/[;,\s]+/)
    .map(t => t.trim())
    .filter(Boolean);
}
