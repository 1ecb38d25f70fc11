import { ProxmoxGuestInterface } from './types';

/** Addresses that say nothing about how to reach the VM. */
function isUsable(address: string): boolean {
  return (
    !address.startsWith('127.') &&
    !address.startsWith('169.254.') &&
    address !== '0.0.0.0'
  );
}

/**
 * The VM's first IPv4 address as its guest agent reports it, leaving out
 * the loopback interface and loopback, link-local and unspecified addresses.
 *
 * @public
 */
export function firstGuestIpv4(
  interfaces: ProxmoxGuestInterface[],
): string | undefined {
  return interfaces
    .filter(i => i.name !== 'lo')
    .flatMap(i => i['ip-addresses'] ?? [])
    .find(a => a['ip-address-type'] === 'ipv4' && isUsable(a['ip-address']))?.[
    'ip-address'
  ];
}
