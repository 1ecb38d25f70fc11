/**
 * In-memory state of the Proxmox VE fake, as plain objects that tests can
 * read and seed directly.
 */

/** @public */
export interface ProxmoxVm {
  vmid: number;
  node: string;
  /** Unset while a clone is being created, as in the real temporary config. */
  name?: string;
  template: boolean;
  status: 'running' | 'stopped';
  tags: string[];
  /**
   * The other configuration keys, as strings (`cores: '2'`, `net0: 'virtio=…'`,
   * `lock: 'clone'`, `protection: '1'`). `sshkeys` is stored decoded.
   */
  config: Record<string, string>;
  /** `Date.now()` when the VM last started running. */
  startedAt?: number;
  /** The IPv4 address (`10.0.0.10/24`) the guest reports through the agent once it runs. */
  ip?: string;
  pool?: string;
}

/** @public */
export interface ProxmoxTask {
  upid: string;
  node: string;
  /** e.g. `qmclone`, `qmstart`, `qmdestroy`. */
  type: string;
  /** The VM the task works on. */
  id: string;
  /** The API token that started it, e.g. `wombat@pve!portal`. */
  user: string;
  pid: number;
  pstart: number;
  /** Unix seconds. */
  starttime: number;
  status: 'running' | 'stopped';
  /** `OK`, or the error, once stopped. */
  exitstatus?: string;
}

/** @public */
export interface ProxmoxState {
  nodes: string[];
  vms: ProxmoxVm[];
  tasks: ProxmoxTask[];
}

/** A VM to seed. @public */
export interface ProxmoxVmSeed {
  vmid: number;
  /** Defaults to the first node. */
  node?: string;
  name?: string;
  template?: boolean;
  status?: 'running' | 'stopped';
  tags?: string[];
  config?: Record<string, string | number>;
  /** Defaults to `Date.now()` for a running VM. */
  startedAt?: number;
  ip?: string;
}

export const DEFAULT_PROXMOX_VMS: ProxmoxVmSeed[] = [
  {
    vmid: 9000,
    name: 'ubuntu-24.04-cloud',
    template: true,
    tags: [],
    config: {
      cores: 2,
      memory: '2048',
      scsi0: 'local-lvm:base-9000-disk-0,size=8G',
      net0: 'virtio=BC:24:11:00:00:01,bridge=vmbr0',
      agent: '1',
    },
  },
];

/** The initial state from the seeds. */
export function seedProxmoxState(
  nodes: string[],
  vms: ProxmoxVmSeed[],
): ProxmoxState {
  return {
    nodes: [...nodes],
    vms: vms.map(seed => ({
      vmid: seed.vmid,
      node: seed.node ?? nodes[0],
      name: seed.name,
      template: seed.template ?? false,
      status: seed.status ?? 'stopped',
      tags: [...(seed.tags ?? [])],
      config: Object.fromEntries(
        Object.entries(seed.config ?? {}).map(([key, value]) => [
          key,
          String(value),
        ]),
      ),
      ...(seed.status === 'running'
        ? { startedAt: seed.startedAt ?? Date.now() }
        : {}),
      ...(seed.ip ? { ip: seed.ip } : {}),
    })),
    tasks: [],
  };
}
