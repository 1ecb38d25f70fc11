import type { ProxmoxRoute } from '../ProxmoxContext';
import type { ProxmoxVm } from '../ProxmoxState';
import { parameterError, proxmoxData } from '../responses';
import { driveSize, isDriveKey } from '../vmConfig';

/** Storages every node has in a default installation. */
export const NODE_STORAGES = [
  { storage: 'local', content: 'iso,vztmpl,backup', plugintype: 'dir' },
  { storage: 'local-lvm', content: 'images,rootdir', plugintype: 'lvmthin' },
];

/** `GET /cluster/nextid` and `GET /cluster/resources`. */
export const clusterRoutes: ProxmoxRoute[] = [
  {
    method: 'GET',
    template: '/cluster/nextid',
    handle({ state, params }) {
      const taken = new Set(state.vms.map(vm => vm.vmid));
      if (params.vmid !== undefined) {
        return taken.has(Number(params.vmid))
          ? parameterError({ vmid: `VM ${params.vmid} already exists` })
          : proxmoxData(String(Number(params.vmid)));
      }
      let vmid = 100;
      while (taken.has(vmid)) {
        vmid++;
      }
      // The schema says integer, but the server sends the number as a string.
      return proxmoxData(String(vmid));
    },
  },
  {
    method: 'GET',
    template: '/cluster/resources',
    handle({ state, params }) {
      const type = params.type;
      const vms = state.vms.map(vmResource);
      const nodes = state.nodes.map(node => ({
        id: `node/${node}`,
        type: 'node',
        node,
        status: 'online',
        level: '',
        maxcpu: 16,
        maxmem: 68719476736,
        maxdisk: 107374182400,
        uptime: 86400,
      }));
      const storages = state.nodes.flatMap(node =>
        NODE_STORAGES.map(storage => ({
          id: `storage/${node}/${storage.storage}`,
          type: 'storage',
          node,
          status: 'available',
          shared: 0,
          ...storage,
        })),
      );
      const byType: Record<string, unknown[]> = {
        vm: vms,
        node: nodes,
        storage: storages,
        sdn: [],
      };
      return proxmoxData(type ? byType[type] : [...nodes, ...storages, ...vms]);
    },
  },
];

/** A VM as `/cluster/resources` lists it. */
function vmResource(vm: ProxmoxVm) {
  const { cpus: _cpus, ...usage } = vmUsage(vm);
  return {
    id: `qemu/${vm.vmid}`,
    type: 'qemu',
    vmid: vm.vmid,
    name: vm.name ?? `VM ${vm.vmid}`,
    node: vm.node,
    status: vm.status,
    template: vm.template ? 1 : 0,
    ...(vm.tags.length > 0 ? { tags: vm.tags.join(';') } : {}),
    ...(vm.config.lock ? { lock: vm.config.lock } : {}),
    ...(vm.pool ? { pool: vm.pool } : {}),
    ...usage,
  };
}

/** Resource figures shared by the lists and the status of a VM. */
export function vmUsage(vm: ProxmoxVm) {
  const running = vm.status === 'running';
  const cores = Number(vm.config.cores ?? 1) * Number(vm.config.sockets ?? 1);
  const memory =
    Number(/\d+/.exec(vm.config.memory ?? '512')?.[0] ?? 512) * 2 ** 20;
  const disk = Object.entries(vm.config)
    .filter(([key]) => isDriveKey(key))
    .reduce((total, [, value]) => total + driveSize(value), 0);
  return {
    maxcpu: cores,
    cpus: cores,
    maxmem: memory,
    mem: running ? Math.floor(memory / 4) : 0,
    maxdisk: disk,
    disk: 0,
    cpu: running ? 0.01 : 0,
    uptime:
      running && vm.startedAt
        ? Math.floor((Date.now() - vm.startedAt) / 1000)
        : 0,
    netin: 0,
    netout: 0,
    diskread: 0,
    diskwrite: 0,
  };
}
