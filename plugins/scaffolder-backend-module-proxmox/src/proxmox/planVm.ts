import { InputError } from '@backstage/errors';
import { explainInvalidDnsLabel } from '@wombat/plugin-wombat-common';
import {
  explainInvalidTag,
  isReservedTag,
  parseSshPublicKey,
} from '@wombat/plugin-wombat-node';

/** The action's input, as its schema parses it. */
export interface VmInput {
  instance?: string;
  node?: string;
  template: string | number;
  name: string;
  project: string;
  adopt?: boolean;
  cores?: number;
  memoryMiB?: number;
  diskGiB?: number;
  network?: { bridge?: string; vlan?: number };
  ipConfig?: { dhcp?: boolean; cidr?: string; gateway?: string };
  ciUser?: string;
  sshKeys?: string[];
  tags?: string[];
  pool?: string;
  protection?: boolean;
  start?: boolean;
  waitForIp?: boolean;
  waitForIpTimeoutSeconds?: number;
}

/** What proxmox:vm:create will do, checked before any request. */
export interface VmPlan {
  name: string;
  cores?: number;
  memoryMiB?: number;
  diskGiB?: number;
  network?: { bridge: string; vlan?: number };
  net0?: string;
  ipconfig0?: string;
  /** Whether the input asks for a static address (admins only). */
  staticAddress: boolean;
  /** A new VM gets DHCP when the input names no address (non-admins). */
  dhcpByDefault: boolean;
  ciUser?: string;
  sshKeys: string[];
  /** The caller's own tags; Wombat's are added by the action. */
  tags: string[];
  pool?: string;
  /** Only ever turns protection on; an unprotected VM is left as it is. */
  protect: boolean;
  start: boolean;
  waitForIpMs?: number;
}

function fail(field: string, message: string): never {
  throw new InputError(`${field} ${message}`);
}

const IPV4 = /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$/;

function checkInteger(
  field: string,
  value: number | undefined,
  min: number,
  max: number,
) {
  if (
    value !== undefined &&
    (!Number.isInteger(value) || value < min || value > max)
  ) {
    fail(field, `${value} must be a whole number from ${min} to ${max}`);
  }
}

/** Validates the input with Proxmox's own rules and turns it into a plan. */
export function planVm(input: VmInput): VmPlan {
  const nameReason = explainInvalidDnsLabel(input.name);
  if (nameReason) fail('name', `"${input.name}" ${nameReason}`);
  checkInteger('cores', input.cores, 1, 512);
  checkInteger('memoryMiB', input.memoryMiB, 16, 4 * 1024 * 1024);
  checkInteger('diskGiB', input.diskGiB, 1, 64 * 1024);
  checkInteger('network.vlan', input.network?.vlan, 1, 4094);

  let network: VmPlan['network'];
  let net0: string | undefined;
  if (input.network) {
    const bridge = input.network.bridge ?? 'vmbr0';
    if (!/^[a-zA-Z][a-zA-Z0-9_.-]{0,14}$/.test(bridge)) {
      fail(
        'network.bridge',
        `"${bridge}" is not a Linux bridge name such as vmbr0`,
      );
    }
    network = { bridge, vlan: input.network.vlan };
    net0 = `virtio,bridge=${bridge}${
      input.network.vlan ? `,tag=${input.network.vlan}` : ''
    }`;
  }

  let ipconfig0: string | undefined;
  const ip = input.ipConfig;
  if (ip) {
    if (ip.dhcp && (ip.cidr || ip.gateway)) {
      fail('ipConfig', 'is either dhcp or a cidr with a gateway, not both');
    }
    if (ip.dhcp) {
      ipconfig0 = 'ip=dhcp';
    } else {
      const [address, prefix] = (ip.cidr ?? '').split('/');
      if (
        !IPV4.test(address ?? '') ||
        !(Number(prefix) >= 1 && Number(prefix) <= 32)
      ) {
        fail(
          'ipConfig.cidr',
          `"${
            ip.cidr ?? ''
          }" is not an IPv4 address with a prefix, such as 10.0.0.10/24`,
        );
      }
      if (ip.gateway !== undefined && !IPV4.test(ip.gateway)) {
        fail('ipConfig.gateway', `"${ip.gateway}" is not an IPv4 address`);
      }
      ipconfig0 = `ip=${ip.cidr}${ip.gateway ? `,gw=${ip.gateway}` : ''}`;
    }
  }

  const sshKeys = (input.sshKeys ?? []).map((key, index) => {
    try {
      const parsed = parseSshPublicKey(key);
      return `${parsed.type} ${parsed.blob}${
        parsed.comment ? ` ${parsed.comment}` : ''
      }`;
    } catch (error) {
      return fail(`sshKeys[${index}]`, (error as Error).message);
    }
  });

  (input.tags ?? []).forEach((tag, index) => {
    const reason = explainInvalidTag(tag);
    if (reason) fail(`tags[${index}]`, `"${tag}" ${reason}`);
    if (isReservedTag(tag)) {
      fail(
        `tags[${index}]`,
        `"${tag}" is reserved: Wombat itself writes "wombat", the project's "wombat-project." tag, the "wombat-owner" tags and "production" (from the Project's lifecycle)`,
      );
    }
  });

  if (
    input.ciUser !== undefined &&
    !/^[a-z_][a-z0-9_-]{0,31}$/.test(input.ciUser)
  ) {
    fail('ciUser', `"${input.ciUser}" is not a Linux user name`);
  }
  if (input.pool !== undefined && !/^[A-Za-z0-9_.-]+$/.test(input.pool)) {
    fail('pool', `"${input.pool}" is not a Proxmox pool id`);
  }
  const timeout = input.waitForIpTimeoutSeconds ?? 300;
  checkInteger('waitForIpTimeoutSeconds', timeout, 1, 3600);
  const start = input.start ?? true;
  if (!start && input.waitForIp) {
    throw new InputError(
      'waitForIp needs start: a stopped VM reports no address',
    );
  }

  return {
    name: input.name,
    cores: input.cores,
    memoryMiB: input.memoryMiB,
    diskGiB: input.diskGiB,
    network,
    net0,
    ipconfig0,
    staticAddress: ipconfig0 !== undefined && ipconfig0 !== 'ip=dhcp',
    dhcpByDefault: false,
    ciUser: input.ciUser,
    sshKeys,
    tags: [...new Set(input.tags ?? [])],
    pool: input.pool,
    protect: input.protection === true,
    start,
    waitForIpMs: input.waitForIp ? timeout * 1000 : undefined,
  };
}
