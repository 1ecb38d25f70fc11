import { isIP, isIPv4, isIPv6 } from 'net';
import type { ApiParameter } from './apidata';

/**
 * Named formats of PVE::JSONSchema and qemu-server, with the messages their
 * verifiers die with. A verifier returns the problem, or undefined when the
 * value is fine. Formats not listed here are accepted.
 */
const VERIFIERS: Record<string, (value: string) => string | undefined> = {
  'pve-vmid': value =>
    /^[1-9][0-9]{2,8}$/.test(value)
      ? undefined
      : 'value does not look like a valid VM ID',
  'pve-node': value =>
    /^([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)$/.test(value)
      ? undefined
      : 'value does not look like a valid node name',
  'dns-name': value =>
    /^(([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)\.)*([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)$/.test(
      value,
    )
      ? undefined
      : 'value does not look like a valid DNS name',
  // Proxmox's tag regex is case-insensitive; the tag-style setting decides
  // whether case matters when comparing tags.
  'pve-tag': value =>
    /^[a-z0-9_][a-z0-9_\-+.]*$/i.test(value)
      ? undefined
      : 'invalid characters in tag',
  'pve-storage-id': value =>
    /^[a-z][a-z0-9\-_.]*[a-z0-9]$/i.test(value)
      ? undefined
      : `storage ID '${value}' contains illegal characters`,
  'pve-bridge-id': value =>
    /^[-_.\w]+$/.test(value) ? undefined : `invalid bridge ID '${value}'`,
  // The value must itself be percent-encoded: after the form decoding of the
  // body, only the characters encodeURIComponent leaves alone may remain.
  urlencoded: value =>
    /^[-%a-zA-Z0-9_.!~*'()]*$/.test(value)
      ? undefined
      : `invalid urlencoded string: ${value}`,
  'pve-configid': value =>
    /^[a-z][a-z0-9_-]+$/i.test(value)
      ? undefined
      : `invalid configuration ID '${value}'`,
  'pve-poolid': value =>
    /^[A-Za-z0-9.\-_/]+$/.test(value)
      ? undefined
      : `pool name '${value}' contains invalid characters`,
  'mac-addr': value =>
    /^[a-f0-9][02468ace](?::[a-f0-9]{2}){5}$/i.test(value)
      ? undefined
      : 'value does not look like a valid unicast MAC address',
  ipv4: value =>
    isIPv4(value) ? undefined : 'value does not look like a valid IPv4 address',
  ipv6: value =>
    isIPv6(value) ? undefined : 'value does not look like a valid IPv6 address',
  ip: value =>
    isIP(value) ? undefined : 'value does not look like a valid IP address',
  address: value =>
    isIP(value) || VERIFIERS['dns-name'](value) === undefined
      ? undefined
      : `value does not look like a valid address: ${value}`,
  CIDRv4: value =>
    isCidr(value, 4)
      ? undefined
      : 'value does not look like a valid IPv4 CIDR network',
  CIDRv6: value =>
    isCidr(value, 6)
      ? undefined
      : 'value does not look like a valid IPv6 CIDR network',
  CIDR: value =>
    isCidr(value, 4) || isCidr(value, 6)
      ? undefined
      : 'value does not look like a valid CIDR network',
  'pve-ipv4-config': value =>
    /^(dhcp|manual)$/.test(value) || isCidr(value, 4)
      ? undefined
      : 'value does not look like a valid ipv4 network configuration',
  'pve-ipv6-config': value =>
    /^(auto|dhcp|manual)$/.test(value) || isCidr(value, 6)
      ? undefined
      : 'value does not look like a valid ipv6 network configuration',
  'pve-startup-order': value =>
    value
      .split(',')
      .filter(part => part.trim() !== '')
      .every(part => /^((order=)?\d+|up=\d+|down=\d+)$/.test(part))
      ? undefined
      : 'unable to parse startup options',
  'disk-size': value =>
    /^\d+(\.\d+)?[KMGT]?$/.test(value)
      ? undefined
      : `value does not look like a valid disk size: ${value}`,
};

/** Formats that are property strings themselves, e.g. `ipconfig0`. */
const PROPERTY_STRING_FORMATS: Record<string, Record<string, ApiParameter>> = {
  'pve-qm-ipconfig': {
    ip: { type: 'string', format: 'pve-ipv4-config', optional: 1 },
    gw: { type: 'string', format: 'ipv4', optional: 1 },
    ip6: { type: 'string', format: 'pve-ipv6-config', optional: 1 },
    gw6: { type: 'string', format: 'ipv6', optional: 1 },
  },
};

/** A named format: a verifier, the sub-properties of a property string, or nothing known. */
export function namedFormat(
  name: string,
):
  | ((value: string) => string | undefined)
  | Record<string, ApiParameter>
  | undefined {
  return VERIFIERS[name] ?? PROPERTY_STRING_FORMATS[name];
}

function isCidr(value: string, version: 4 | 6): boolean {
  const match = /^(.+)\/(\d+)$/.exec(value);
  if (!match) {
    return false;
  }
  const prefix = Number(match[2]);
  const valid = version === 4 ? isIPv4(match[1]) : isIPv6(match[1]);
  return valid && prefix > 7 && prefix <= (version === 4 ? 32 : 128);
}

/** PVE::Tools::split_list: `,` `;` and whitespace separate list items. */
export function splitList(value: string): string[] {
  if (value.includes('\0')) {
    return value.split('\0');
  }
  return value
    .replace(/[,;]/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(item => item !== '');
}
