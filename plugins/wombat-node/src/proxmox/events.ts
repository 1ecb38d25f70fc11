/**
 * The events topic on which Wombat's Proxmox actions announce that they
 * created or destroyed a VM, so that the catalog's VM provider reads that
 * instance again at once instead of on its next scheduled run.
 *
 * @public
 */
export const PROXMOX_VM_EVENTS_TOPIC = 'wombat.proxmox.vm';

/**
 * The payload of an event on {@link PROXMOX_VM_EVENTS_TOPIC}.
 *
 * @public
 */
export interface ProxmoxVmChangedEvent {
  /** The `wombat.proxmox.instances` name, never the URL. */
  instance: string;
  vmid: number;
  change: 'created' | 'destroyed';
}

/** Whether an event payload is a {@link ProxmoxVmChangedEvent}. @public */
export function isProxmoxVmChangedEvent(
  payload: unknown,
): payload is ProxmoxVmChangedEvent {
  const event = payload as Partial<ProxmoxVmChangedEvent> | null | undefined;
  return (
    typeof event?.instance === 'string' &&
    typeof event.vmid === 'number' &&
    (event.change === 'created' || event.change === 'destroyed')
  );
}
