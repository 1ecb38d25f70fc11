/** A VM as /cluster/resources lists it. @public */
export interface ProxmoxClusterVm {
  /** `qemu` for a VM, `lxc` for a container: `type=vm` lists both. */
  type?: 'qemu' | 'lxc' | string;
  vmid: number;
  name?: string;
  node: string;
  status: string;
  /** 1 for a template. */
  template?: number;
  /** `;`-separated. */
  tags?: string;
}

/** GET /nodes/{node}/qemu/{vmid}/status/current. @public */
export interface ProxmoxVmStatus {
  vmid: number;
  name?: string;
  status: 'running' | 'stopped' | string;
  qmpstatus?: string;
  lock?: string;
  tags?: string;
  template?: number;
}

/** GET /nodes/{node}/tasks/{upid}/status. @public */
export interface ProxmoxTaskStatus {
  status: 'running' | 'stopped' | string;
  /** "OK" when the task succeeded, else Proxmox's error text. */
  exitstatus?: string;
  type?: string;
  id?: string;
}

/** A VM's configuration: property strings, numbers as strings or numbers. @public */
export type ProxmoxVmConfig = Record<string, string | number | undefined>;

/** What the guest agent reports about one network interface. @public */
export interface ProxmoxGuestInterface {
  name: string;
  'hardware-address'?: string;
  'ip-addresses'?: Array<{
    'ip-address': string;
    'ip-address-type': 'ipv4' | 'ipv6' | string;
    prefix?: number;
  }>;
}

/** Parameters of a Proxmox call; booleans go as 1/0. @public */
export type ProxmoxParams = Record<
  string,
  string | number | boolean | undefined
>;

/**
 * What users who are not platform admins may ask for when they create a VM
 * on an instance (`wombat.proxmox.instances[].allowed`).
 *
 * @public
 */
export interface ProxmoxAllowList {
  /** Templates that may be cloned, by name or VMID. */
  templates: Array<string | number>;
  /** Networks the first interface may use; without `vlan`, the bridge untagged. */
  networks: Array<{ bridge: string; vlan?: number }>;
  /** Resource pools VMs may go into; none when not configured. */
  pools: string[];
  maxCores: number;
  maxMemoryMiB: number;
  maxDiskGiB: number;
}
