import { LoggerService } from '@backstage/backend-plugin-api';
import { ProxmoxClient } from '@wombat/plugin-wombat-node';
import { logProgress } from './taskProgress';
import { VmTimings } from './vmSteps';

/**
 * Shuts the VM down (stops it when it does not go down in time), then
 * deletes it with purge and its unreferenced disks.
 */
export async function shutDownAndDestroy(
  proxmox: ProxmoxClient,
  vm: { node: string; vmid: number },
  shutdownTimeoutSeconds: number,
  timings: VmTimings,
  logger: LoggerService,
): Promise<void> {
  const { node, vmid } = vm;
  if ((await proxmox.status(node, vmid)).status === 'running') {
    logger.info(`Shutting down VM ${vmid}`);
    try {
      await proxmox.waitForTask(
        node,
        await proxmox.shutdown(node, vmid, shutdownTimeoutSeconds),
        {
          timeoutMs: (shutdownTimeoutSeconds + 30) * 1000,
          pollMs: timings.pollMs,
          onProgress: logProgress(logger, 'Shutting down'),
        },
      );
    } catch (error) {
      logger.info(
        `VM ${vmid} did not shut down cleanly (${
          (error as Error).message
        }); stopping it`,
      );
    }
    if ((await proxmox.status(node, vmid)).status === 'running') {
      await proxmox.waitForTask(node, await proxmox.stop(node, vmid), {
        timeoutMs: timings.taskMs,
        pollMs: timings.pollMs,
        onProgress: logProgress(logger, 'Stopping'),
      });
    }
  }
  await proxmox.waitForTask(node, await proxmox.destroy(node, vmid), {
    timeoutMs: timings.taskMs,
    pollMs: timings.pollMs,
    onProgress: logProgress(logger, 'Destroying'),
  });
  logger.info(`Destroyed VM ${vmid} on ${node}`);
}
