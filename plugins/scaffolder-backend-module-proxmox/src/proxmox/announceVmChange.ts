import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import {
  PROXMOX_VM_EVENTS_TOPIC,
  ProxmoxVmChangedEvent,
} from '@wombat/plugin-wombat-node';

/**
 * Tells whoever listens (the catalog's VM provider) that a VM was created
 * or destroyed. The work is done by then, so a failure to tell is only
 * logged: the catalog learns of the change on its next scheduled read.
 */
export async function announceVmChange(
  events: EventsService | undefined,
  event: ProxmoxVmChangedEvent,
  logger: LoggerService,
): Promise<void> {
  if (!events) return;
  try {
    await events.publish({
      topic: PROXMOX_VM_EVENTS_TOPIC,
      eventPayload: event,
    });
  } catch (error) {
    logger.warn(
      `Could not announce that VM ${event.vmid} was ${
        event.change
      }; the catalog learns of it on its next scheduled read: ${
        (error as Error).message
      }`,
    );
  }
}
