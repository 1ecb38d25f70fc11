import { firstGuestIpv4 } from './guestAddress';
import { isProxmoxVmChangedEvent } from './events';
import {
  explainInvalidTag,
  ownerTag,
  parseTags,
  readWombatTags,
} from './wombatTags';

describe("Wombat's Proxmox tags", () => {
  it('writes owner tags that Proxmox accepts', () => {
    const group = ownerTag({ kind: 'group', name: 'team-payments' });
    const user = ownerTag({ kind: 'user', name: 'maria' });
    expect(group).toBe('wombat-owner.team-payments');
    expect(user).toBe('wombat-owner-user.maria');
    expect(explainInvalidTag(group)).toBeUndefined();
    expect(explainInvalidTag(user)).toBeUndefined();
    expect(explainInvalidTag('Team')).toMatch(/must be lowercase/);
  });

  it('reads project and owner back, the first of each', () => {
    expect(
      readWombatTags(
        parseTags(
          'wombat;wombat-project.payments;wombat-owner.team-payments;wombat-owner-user.kim',
        ),
      ),
    ).toEqual({
      wombat: true,
      project: 'payments',
      owner: { kind: 'group', name: 'team-payments' },
    });
    expect(
      readWombatTags(['wombat-owner-user.kim', 'wombat-project.']),
    ).toEqual({
      wombat: false,
      project: undefined,
      owner: { kind: 'user', name: 'kim' },
    });
  });
});

describe('firstGuestIpv4', () => {
  it('skips loopback, link-local and IPv6 addresses', () => {
    expect(
      firstGuestIpv4([
        {
          name: 'lo',
          'ip-addresses': [
            { 'ip-address': '127.0.0.1', 'ip-address-type': 'ipv4' },
          ],
        },
        {
          name: 'eth0',
          'ip-addresses': [
            { 'ip-address': 'fe80::1', 'ip-address-type': 'ipv6' },
            { 'ip-address': '169.254.3.4', 'ip-address-type': 'ipv4' },
            { 'ip-address': '10.0.20.15', 'ip-address-type': 'ipv4' },
          ],
        },
      ]),
    ).toBe('10.0.20.15');
    expect(firstGuestIpv4([{ name: 'eth0' }])).toBeUndefined();
  });
});

describe('isProxmoxVmChangedEvent', () => {
  it('accepts only complete payloads', () => {
    expect(
      isProxmoxVmChangedEvent({
        instance: 'default',
        vmid: 101,
        change: 'created',
      }),
    ).toBe(true);
    expect(isProxmoxVmChangedEvent({ instance: 'default', vmid: 101 })).toBe(
      false,
    );
    expect(isProxmoxVmChangedEvent(undefined)).toBe(false);
  });
});
