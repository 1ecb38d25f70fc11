import { currentVm, prepareConfigUpdate } from '../configUpdate';
import type { ProxmoxRoute } from '../ProxmoxContext';
import { proxmoxData, serverError } from '../responses';
import { missingConfigMessage } from '../vmConfig';

/**
 * `POST …/config` (asynchronous: a `qmconfig` task applies the change when
 * it ends) and `PUT …/config` (synchronous, answers `null`).
 */
export const configRoutes: ProxmoxRoute[] = [
  {
    method: 'POST',
    template: '/nodes/{node}/qemu/{vmid}/config',
    async handle(context) {
      const update = prepareConfigUpdate(context);
      if (update instanceof Response) {
        return update;
      }
      const { node, vmid } = context.params;
      const upid = context.tasks.start(node, 'qmconfig', vmid, {
        finish() {
          const vm = currentVm(context);
          if (!vm) {
            return missingConfigMessage(node, vmid);
          }
          update.apply(vm);
          return undefined;
        },
      });
      // With background_delay the server waits for the task and answers
      // null when it finished in time (tasks here always do).
      if (context.params.background_delay !== undefined) {
        const task = await context.tasks.stopped(upid);
        return task.exitstatus === 'OK'
          ? proxmoxData(null)
          : serverError(`failed to update VM ${vmid}: ${task.exitstatus}`);
      }
      return proxmoxData(upid);
    },
  },
  {
    method: 'PUT',
    template: '/nodes/{node}/qemu/{vmid}/config',
    handle(context) {
      const update = prepareConfigUpdate(context);
      if (update instanceof Response) {
        return update;
      }
      update.apply(currentVm(context)!);
      return proxmoxData(null);
    },
  },
];
