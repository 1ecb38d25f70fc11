import { firstGuestIpv4 } from './guestAddress';
import { isProxmoxVmChangedEvent } from './events';
import {
  explainInvalidTag,
  isReservedTag,
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

  it('reads the project as a full reference and the first owner', () => {
    expect(
      readWombatTags(
        parseTags(
          'wombat;wombat-project.default.payments;wombat-owner.team-payments;wombat-owner-user.kim',
        ),
      ),
    ).toEqual({
      wombat: true,
      project: 'project:default/payments',
      projects: ['project:default/payments'],
      owner: { kind: 'group', name: 'team-payments' },
    });
    expect(
      readWombatTags(['wombat-owner-user.kim', 'wombat-project.']),
    ).toEqual({
      wombat: false,
      projects: [],
      owner: { kind: 'user', name: 'kim' },
    });
  });

  it('reads the old bare project tag as a project of the default namespace', () => {
    expect(readWombatTags(['wombat', 'wombat-project.payments']).project).toBe(
      'project:default/payments',
    );
    expect(
      readWombatTags([
        'wombat-project.payments',
        'wombat-project.default.payments',
      ]).projects,
    ).toEqual(['project:default/payments']);
  });

  it('names no project when the stamps name several', () => {
    const read = readWombatTags([
      'wombat',
      'wombat-project.default.payments',
      'wombat-project.evil.payments',
    ]);
    expect(read.project).toBeUndefined();
    expect(read.projects).toEqual([
      'project:default/payments',
      'project:evil/payments',
    ]);
  });

  it('reserves the tags only Wombat writes', () => {
    for (const tag of [
      'wombat',
      'wombat-project.default.x',
      'wombat-owner.team-a',
      'wombat-owner-user.kim',
      'production',
    ]) {
      expect(isReservedTag(tag)).toBe(true);
    }
    for (const tag of ['database', 'prod', 'pre-production']) {
      expect(isReservedTag(tag)).toBe(false);
    }
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
