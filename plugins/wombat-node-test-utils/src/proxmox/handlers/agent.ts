import type { ProxmoxContext, ProxmoxRoute } from '../ProxmoxContext';
import type { ProxmoxVm } from '../ProxmoxState';
import { proxmoxData, serverError } from '../responses';
import { macOf } from '../vmConfig';
import { withVm } from './vms';

/**
 * `GET …/agent/network-get-interfaces`: the guest agent answers once the
 * VM has been running `agentReadyMs`, with the address from `ipconfig0`
 * (or one from DHCP) as it was when the VM started.
 */
export const agentRoutes: ProxmoxRoute[] = [
  {
    method: 'GET',
    template: '/nodes/{node}/qemu/{vmid}/agent/network-get-interfaces',
    handle: context =>
      withVm(context, vm => {
        // assert_agent_available's checks, in its order.
        if (!/^(1|enabled=1)(,|$)/.test(vm.config.agent ?? '')) {
          return serverError('No QEMU guest agent configured');
        }
        if (vm.status !== 'running' || vm.startedAt === undefined) {
          return serverError(`VM ${vm.vmid} is not running`);
        }
        if (Date.now() - vm.startedAt < context.agentReadyMs) {
          return serverError('QEMU guest agent is not running');
        }
        return proxmoxData({ result: interfaces(vm) });
      }),
  },
];

function interfaces(vm: ProxmoxVm) {
  const mac = (
    macOf(vm.config.net0 ?? '') ?? 'bc:24:11:00:00:00'
  ).toLowerCase();
  const [address, prefix] = (vm.ip ?? '0.0.0.0/24').split('/');
  const macBytes = mac.split(':').map(byte => parseInt(byte, 16));
  macBytes[0] ^= 0x02;
  const linkLocal = `fe80::${hexPair(macBytes[0], macBytes[1])}:${hexPair(
    macBytes[2],
    0xff,
  )}:${hexPair(0xfe, macBytes[3])}:${hexPair(macBytes[4], macBytes[5])}`;
  return [
    {
      name: 'lo',
      'hardware-address': '00:00:00:00:00:00',
      'ip-addresses': [
        { 'ip-address': '127.0.0.1', 'ip-address-type': 'ipv4', prefix: 8 },
        { 'ip-address': '::1', 'ip-address-type': 'ipv6', prefix: 128 },
      ],
    },
    {
      name: 'eth0',
      'hardware-address': mac,
      'ip-addresses': [
        {
          'ip-address': address,
          'ip-address-type': 'ipv4',
          prefix: Number(prefix ?? 24),
        },
        { 'ip-address': linkLocal, 'ip-address-type': 'ipv6', prefix: 64 },
      ],
    },
  ];
}

function hexPair(high: number, low: number): string {
  return ((high << 8) | low).toString(16);
}

/**
 * The address the guest gets when it starts: the static `ip=` of
 * `ipconfig0`, else its DHCP lease.
 */
export function guestAddress(context: ProxmoxContext, vm: ProxmoxVm): string {
  const staticIp = /(?:^|,)ip=(\d+\.\d+\.\d+\.\d+\/\d+)(?:,|$)/.exec(
    vm.config.ipconfig0 ?? '',
  );
  return staticIp ? staticIp[1] : `${context.dhcpAddress(vm.vmid)}/24`;
}
