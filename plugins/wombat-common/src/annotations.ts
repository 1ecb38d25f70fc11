/**
 * Puts any entity in a project. The value is a project name, resolved in the
 * annotated entity's namespace, or a full reference such as
 * `project:default/payments`.
 *
 * @public
 */
export const ANNOTATION_PROJECT = 'wombat.dev/project';

/** The `wombat.proxmox.instances` entry a VM lives in. @public */
export const ANNOTATION_PROXMOX_INSTANCE = 'wombat.dev/proxmox-instance';

/** The Proxmox node a VM runs on. @public */
export const ANNOTATION_PROXMOX_NODE = 'wombat.dev/proxmox-node';

/** The VM's id in Proxmox. @public */
export const ANNOTATION_PROXMOX_VMID = 'wombat.dev/proxmox-vmid';

/**
 * The IPv4 address a VM's guest agent reported when the catalog last read
 * the VM; absent while it is stopped or has no address yet. @public
 */
export const ANNOTATION_PROXMOX_IP = 'wombat.dev/proxmox-ip';

/**
 * The catalog permission rule that matches the entities of given projects:
 * the Project entities themselves and everything annotated with them.
 * Params: `{ projects: string[] }`, full project entity refs.
 *
 * @public
 */
export const RULE_IS_IN_PROJECT = 'IS_IN_WOMBAT_PROJECT';

/**
 * The catalog permission rule that matches the Projects that have one of
 * the given users or groups as a member.
 * Params: `{ claims: string[] }`, user and group entity refs.
 *
 * @public
 */
export const RULE_HAS_PROJECT_MEMBER = 'HAS_WOMBAT_PROJECT_MEMBER';
