import { currentVm } from '../configUpdate';
import type { ProxmoxRoute } from '../ProxmoxContext';
import type { ProxmoxVm } from '../ProxmoxState';
import { parameterError, proxmoxData, serverError } from '../responses';
import { lockMessage, missingConfigMessage } from '../vmConfig';
import { withVm } from './vms';

/**
 * `DELETE /nodes/{node}/qemu/{vmid}`: protection and a running VM are
 * refused at once (500); the `qmdestroy` task removes the VM when it ends,
 * repeating the checks and refusing a locked VM.
 */
export const destroyRoutes: ProxmoxRoute[] = [
  {
    method: 'DELETE',
    template: '/nodes/{node}/qemu/{vmid}',
    handle(context) {
      const { node, vmid } = context.params;
      if (context.params.skiplock === '1') {
        context.violation(
          `DELETE ${context.request.apiPath}: skiplock is root-only`,
        );
        return parameterError({ skiplock: 'Only root may use this option.' });
      }
      return withVm(context, vm => {
        const early = earlyProblem(vm);
        if (early) {
          return serverError(early);
        }
        return proxmoxData(
          context.tasks.start(node, 'qmdestroy', vmid, {
            check() {
              const current = currentVm(context);
              return current
                ? earlyProblem(current) ?? lockMessage(current)
                : missingConfigMessage(node, vmid);
            },
            finish() {
              const current = currentVm(context);
              if (!current) {
                return missingConfigMessage(node, vmid);
              }
              context.state.vms.splice(context.state.vms.indexOf(current), 1);
              return undefined;
            },
          }),
        );
      });
    },
  },
];

function earlyProblem(vm: ProxmoxVm): string | undefined {
  if (vm.config.protection === '1') {
    return `can't remove VM ${vm.vmid} - protection mode enabled`;
  }
  return vm.status === 'running'
    ? `VM ${vm.vmid} is running - destroy failed`
    : undefined;
}
