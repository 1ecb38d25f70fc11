import { LoggerService } from '@backstage/backend-plugin-api';
import { ProxmoxTaskStatus } from '@wombat/plugin-wombat-node';

/** Reports a long Proxmox task in the task log, which the scaffolder UI shows. */
export function logProgress(logger: LoggerService, what: string) {
  return (elapsedMs: number, status: ProxmoxTaskStatus) =>
    logger.info(
      `${what}: Proxmox task ${status.type ?? ''} still ${
        status.status
      } after ${Math.round(elapsedMs / 1000)} s`,
    );
}
