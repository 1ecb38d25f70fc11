import type { SandboxSeed } from './SandboxSeed';

/**
 * The VMs the demo Proxmox holds, as Wombat's `proxmox:vm:create` leaves
 * them: tagged `wombat`, with their project (its stamp), its owner and, for
 * a production project, `production`. The catalog learns
 * of them from Proxmox itself, through Wombat's VM entity provider, as it
 * does in production, so they are not in `catalog-info/`.
 */
export const DEMO_VMS: SandboxSeed['vms'] = [
  {
    vmid: 101,
    node: 'pve1',
    name: 'payments-db',
    tags: [
      'wombat',
      'wombat-project.default.payments',
      'wombat-owner.team-payments',
      'production',
    ],
  },
];
