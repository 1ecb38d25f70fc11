import {
  DEFAULT_PROXMOX_VMS,
  type ProxmoxVmSeed,
} from '@wombat/plugin-wombat-node-test-utils';
import type { SandboxSeed } from '../seed/SandboxSeed';

/**
 * The cloud-init template new VMs are cloned from, as a Proxmox admin
 * prepares it: the fakes' default template with its cloud-init drive.
 */
const [DEFAULT_TEMPLATE] = DEFAULT_PROXMOX_VMS;
export const TEMPLATE_VM: ProxmoxVmSeed = {
  ...DEFAULT_TEMPLATE,
  config: {
    ...DEFAULT_TEMPLATE.config,
    ide2: 'local-lvm:vm-9000-cloudinit,media=cdrom',
    ipconfig0: 'ip=dhcp',
    serial0: 'socket',
    boot: 'order=scsi0',
  },
};

/** The demo catalog's VMs, running, as Wombat would have left them. */
export function seedProxmoxVms(vms: SandboxSeed['vms']): ProxmoxVmSeed[] {
  return vms.map((vm, index) => {
    const mac = (index + 16).toString(16).toUpperCase().padStart(2, '0');
    return {
      vmid: vm.vmid,
      node: vm.node,
      name: vm.name,
      status: 'running',
      tags: vm.tags,
      config: {
        cores: 2,
        memory: '4096',
        scsi0: `local-lvm:vm-${vm.vmid}-disk-0,size=32G`,
        ide2: `local-lvm:vm-${vm.vmid}-cloudinit,media=cdrom`,
        net0: `virtio=BC:24:11:00:01:${mac},bridge=vmbr0`,
        ipconfig0: 'ip=dhcp',
        ciuser: 'ubuntu',
        agent: '1',
        // As the clone request leaves it: the project's stamp.
        description: `Created by Wombat (${vm.tags
          .filter(tag => tag.startsWith('wombat-project.'))
          .join(', ')})`,
      },
      startedAt: Date.now() - 3_600_000,
      ip: `10.0.0.${index + 2}/24`,
    };
  });
}
