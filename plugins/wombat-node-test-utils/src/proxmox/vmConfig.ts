import { createHash, randomInt, randomUUID } from 'crypto';
import { apiMethod } from './apidata';
import { parameterSchema } from './parameters';
import type { ProxmoxState, ProxmoxVm } from './ProxmoxState';

/** What qemu-server dies with when a VM has no config file on the node. */
export function missingConfigMessage(
  node: string,
  vmid: number | string,
): string {
  return `Configuration file 'nodes/${node}/qemu-server/${vmid}.conf' does not exist`;
}

/** The VM with that id on that node (a VM on another node has no config file here). */
export function findVm(
  state: ProxmoxState,
  node: string,
  vmid: number,
): ProxmoxVm | undefined {
  return state.vms.find(vm => vm.vmid === vmid && vm.node === node);
}

/** The config file as key/value pairs, including name, tags and template. */
export function configEntries(vm: ProxmoxVm): Record<string, string> {
  const entries: Record<string, string> = { ...vm.config };
  if (vm.name !== undefined) {
    entries.name = vm.name;
  }
  if (vm.tags.length > 0) {
    entries.tags = vm.tags.join(';');
  }
  if (vm.template) {
    entries.template = '1';
  }
  if (entries.sshkeys !== undefined) {
    entries.sshkeys = encodeURIComponent(entries.sshkeys);
  }
  return entries;
}

/** SHA1 of the config file, which clients send back as `digest`. */
export function configDigest(vm: ProxmoxVm): string {
  const text = Object.entries(configEntries(vm))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => `${key}: ${value}\n`)
    .join('');
  return createHash('sha1').update(text).digest('hex');
}

/**
 * GET `/config`: integers, numbers and booleans of the returns schema come
 * as JSON numbers, the rest as strings, plus the `digest`.
 */
export function configView(vm: ProxmoxVm): Record<string, unknown> {
  const properties =
    apiMethod('/nodes/{node}/qemu/{vmid}/config', 'GET')?.returns?.properties ??
    {};
  const view: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(configEntries(vm))) {
    const type = parameterSchema(properties, key)?.type;
    view[key] =
      type === 'integer' || type === 'number' || type === 'boolean'
        ? Number(value)
        : value;
  }
  view.digest = configDigest(vm);
  return view;
}

/** `qm` lock check: a locked VM refuses changes. */
export function lockMessage(vm: ProxmoxVm): string | undefined {
  return vm.config.lock ? `VM is locked (${vm.config.lock})` : undefined;
}

const DRIVE_KEY = /^(ide|sata|scsi|virtio|efidisk|tpmstate)\d+$/;

export function isDriveKey(key: string): boolean {
  return DRIVE_KEY.test(key);
}

/** The volume (`local-lvm:vm-101-disk-0`) and options of a drive value. */
export function parseDrive(value: string): {
  file: string;
  options: Array<[string, string]>;
} {
  const [first, ...rest] = value.split(',');
  const file = first.startsWith('file=') ? first.slice('file='.length) : first;
  return {
    file,
    options: rest.map(part => {
      const index = part.indexOf('=');
      return index < 0
        ? [part, '']
        : [part.slice(0, index), part.slice(index + 1)];
    }),
  };
}

export function printDrive(
  file: string,
  options: Array<[string, string]>,
): string {
  return [file, ...options.map(([key, value]) => `${key}=${value}`)].join(',');
}

export function isCdrom(value: string): boolean {
  return parseDrive(value).options.some(
    ([key, option]) => key === 'media' && option === 'cdrom',
  );
}

const UNITS: Record<string, number> = {
  '': 1,
  K: 2 ** 10,
  M: 2 ** 20,
  G: 2 ** 30,
  T: 2 ** 40,
};

/** PVE::JSONSchema::parse_size: `8G` → bytes. */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([KMGT])?$/.exec(text);
  return match
    ? Math.trunc(Number(match[1]) * UNITS[match[2] ?? ''])
    : undefined;
}

/** PVE::JSONSchema::format_size: the largest unit that divides evenly. */
export function formatSize(bytes: number): string {
  let size = bytes;
  let unit = '';
  for (const next of ['K', 'M', 'G', 'T']) {
    if (size % 1024 !== 0) {
      break;
    }
    size /= 1024;
    unit = next;
  }
  return `${size}${unit}`;
}

/** The size of a drive in bytes, from its `size=` option. */
export function driveSize(value: string): number {
  const size = parseDrive(value).options.find(([key]) => key === 'size')?.[1];
  return (size && parseSize(size)) || 0;
}

/** The drive with a new `size=` option. */
export function withDriveSize(value: string, bytes: number): string {
  const { file, options } = parseDrive(value);
  const others = options.filter(([key]) => key !== 'size');
  return printDrive(file, [...others, ['size', formatSize(bytes)]]);
}

/** A random MAC address with Proxmox's default prefix (BC:24:11). */
export function randomMac(): string {
  const bytes = [
    0xbc,
    0x24,
    0x11,
    randomInt(256),
    randomInt(256),
    randomInt(256),
  ];
  return bytes
    .map(byte => byte.toString(16).toUpperCase().padStart(2, '0'))
    .join(':');
}

/** The MAC address of a `netN` value (`virtio=BC:24:11:…,bridge=vmbr0`). */
export function macOf(net: string): string | undefined {
  for (const part of net.split(',')) {
    const match = /^(?:[a-z0-9-]+|macaddr)=([0-9A-Fa-f:]{17})$/.exec(part);
    if (match) {
      return match[1];
    }
  }
  return undefined;
}

/**
 * What update_vm does to a `netN` value: parse_net/print_net add a MAC
 * address when none is given, printed as `<model>=<mac>` first.
 */
export function withMacAddress(net: string): string {
  if (macOf(net)) {
    return net;
  }
  const parts = net.split(',');
  const modelIndex = parts.findIndex(
    part => !part.includes('=') || part.startsWith('model='),
  );
  if (modelIndex < 0) {
    return net;
  }
  const model = parts[modelIndex].replace(/^model=/, '');
  const others = parts.filter((_, index) => index !== modelIndex);
  return [`${model}=${randomMac()}`, ...others].join(',');
}

/** A new smbios1 with a fresh uuid, as clones get. */
export function freshSmbios(smbios: string | undefined): string {
  const others = (smbios ?? '')
    .split(',')
    .filter(part => part && !part.startsWith('uuid='));
  return [`uuid=${randomUUID()}`, ...others].join(',');
}
