import { currentVm } from '../configUpdate';
import type { ProxmoxContext, ProxmoxRoute } from '../ProxmoxContext';
import type { ProxmoxVm } from '../ProxmoxState';
import { parameterError, proxmoxData } from '../responses';
import { lockMessage, missingConfigMessage } from '../vmConfig';
import { guestAddress } from './agent';

/**
 * `POST …/status/start|stop|shutdown`: everything happens in the worker,
 * so even a missing VM gets a UPID and a failing task. The VM changes
 * state when the task ends.
 */
export const powerRoutes: ProxmoxRoute[] = [
  {
    method: 'POST',
    template: '/nodes/{node}/qemu/{vmid}/status/start',
    handle: context =>
      powerTask(
        context,
        'qmstart',
        vm => {
          if (vm.template) {
            return "you can't start a vm if it's a template";
          }
          return vm.status === 'running'
            ? `VM ${vm.vmid} already running`
            : undefined;
        },
        vm => {
          vm.status = 'running';
          vm.startedAt = Date.now();
          vm.ip = guestAddress(context, vm);
        },
      ),
  },
  {
    method: 'POST',
    template: '/nodes/{node}/qemu/{vmid}/status/stop',
    handle: context => powerTask(context, 'qmstop', () => undefined, stop),
  },
  {
    method: 'POST',
    template: '/nodes/{node}/qemu/{vmid}/status/shutdown',
    handle: context => powerTask(context, 'qmshutdown', () => undefined, stop),
  },
];

function stop(vm: ProxmoxVm): void {
  vm.status = 'stopped';
  delete vm.startedAt;
}

function powerTask(
  context: ProxmoxContext,
  type: string,
  refusal: (vm: ProxmoxVm) => string | undefined,
  effect: (vm: ProxmoxVm) => void,
): Response {
  const { node, vmid } = context.params;
  for (const rootOnly of [
    'skiplock',
    'keepActive',
    'migratedfrom',
    'stateuri',
    'targetstorage',
  ]) {
    if (
      context.params[rootOnly] !== undefined &&
      context.params[rootOnly] !== '0'
    ) {
      context.violation(
        `POST ${context.request.apiPath}: ${rootOnly} is root-only`,
      );
      return parameterError({ [rootOnly]: 'Only root may use this option.' });
    }
  }
  const problem = (vm: ProxmoxVm | undefined) =>
    vm ? lockMessage(vm) ?? refusal(vm) : missingConfigMessage(node, vmid);
  return proxmoxData(
    context.tasks.start(node, type, vmid, {
      check: () => problem(currentVm(context)),
      finish() {
        const vm = currentVm(context);
        if (!vm) {
          return missingConfigMessage(node, vmid);
        }
        effect(vm);
        return undefined;
      },
    }),
  );
}
