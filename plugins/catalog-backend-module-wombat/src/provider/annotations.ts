/**
 * The IPv4 address a VM's guest agent reported when the catalog last read
 * the VM. Absent while the VM is stopped or has no address yet.
 *
 * Defined here for now; it belongs beside the other `wombat.dev/proxmox-*`
 * annotations in `@wombat/plugin-wombat-common`.
 *
 * @public
 */
export const ANNOTATION_PROXMOX_IP = 'wombat.dev/proxmox-ip';
