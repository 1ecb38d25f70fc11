import {
  vmParams,
  type ProxmoxContext,
  type ProxmoxRoute,
} from '../ProxmoxContext';
import type { ProxmoxVm } from '../ProxmoxState';
import { proxmoxData, serverError } from '../responses';
import { configView, findVm, missingConfigMessage } from '../vmConfig';
import { vmUsage } from './cluster';

/** Reads of VMs: the node's list, the current status and the config. */
export const vmReadRoutes: ProxmoxRoute[] = [
  {
    method: 'GET',
    template: '/nodes/{node}/qemu',
    handle({ state, params }) {
      return proxmoxData(
        state.vms.filter(vm => vm.node === params.node).map(vmSummary),
      );
    },
  },
  {
    method: 'GET',
    template: '/nodes/{node}/qemu/{vmid}/status/current',
    handle: context =>
      withVm(context, vm => {
        const agent = /^(1|enabled=1)/.test(vm.config.agent ?? '');
        return proxmoxData({
          ...vmSummary(vm),
          qmpstatus: vm.status,
          ha: { managed: 0 },
          ...(agent ? { agent: 1 } : {}),
        });
      }),
  },
  {
    method: 'GET',
    template: '/nodes/{node}/qemu/{vmid}/config',
    handle: context => withVm(context, vm => proxmoxData(configView(vm))),
  },
];

/** Runs a handler for an existing VM; 500 like qemu-server's load_config otherwise. */
export function withVm(
  context: ProxmoxContext,
  handle: (vm: ProxmoxVm) => Response,
): Response {
  const { node, vmid } = vmParams(context);
  const vm = findVm(context.state, node, vmid);
  return vm ? handle(vm) : serverError(missingConfigMessage(node, vmid));
}

/** A VM as `/nodes/{node}/qemu` lists it. */
function vmSummary(vm: ProxmoxVm) {
  const { maxcpu: _maxcpu, ...usage } = vmUsage(vm);
  return {
    vmid: vm.vmid,
    name: vm.name ?? `VM ${vm.vmid}`,
    status: vm.status,
    ...usage,
    ...(vm.template ? { template: 1 } : {}),
    ...(vm.tags.length > 0 ? { tags: vm.tags.join(';') } : {}),
    ...(vm.config.lock ? { lock: vm.config.lock } : {}),
    ...(vm.status === 'running' ? { pid: 10000 + vm.vmid } : {}),
  };
}
