import { ConfigReader } from '@backstage/config';
import { readPrincipalFormats } from '../principalFormats';
import { wombatGitLabMembers } from './wombatGitLabMembers';
import { wombatHarborMembers } from './wombatHarborMembers';
import { createWombatRancherMembersFilter } from './wombatRancherMembers';

const members = [
  { member: 'user:default/jdoe', role: 'developer' as const },
  { member: 'group:default/auditors', role: 'viewer' as const },
  { member: 'maria', role: 'manager' as const },
  // jdoe twice: the higher role wins.
  { member: 'user:default/jdoe', role: 'viewer' as const },
];
const owner = 'group:default/team-payments';

describe('wombatGitLabMembers', () => {
  it('maps user members to access levels and leaves groups out', () => {
    expect(wombatGitLabMembers.filter(members)).toEqual([
      { username: 'jdoe', accessLevel: 'developer' },
      { username: 'maria', accessLevel: 'maintainer' },
    ]);
    expect(wombatGitLabMembers.filter([])).toEqual([]);
  });

  it('refuses a member that is neither a user nor a group', () => {
    expect(() =>
      wombatGitLabMembers.filter([
        { member: 'component:default/x', role: 'developer' },
      ]),
    ).toThrow(
      'Project member component:default/x is a component, not a User or Group',
    );
  });
});

describe('wombatHarborMembers', () => {
  it('makes the owner group project admin and maps roles', () => {
    expect(wombatHarborMembers.filter(members, owner)).toEqual([
      { group: 'team-payments', role: 'projectAdmin' },
      { username: 'jdoe', role: 'developer' },
      { group: 'auditors', role: 'guest' },
      { username: 'maria', role: 'maintainer' },
    ]);
  });

  it('keeps the owner project admin when it is listed as a member too', () => {
    expect(
      wombatHarborMembers.filter(
        [{ member: 'group:default/team-payments', role: 'developer' }],
        owner,
      ),
    ).toEqual([{ group: 'team-payments', role: 'projectAdmin' }]);
    // A member whose name merely ends like the owner's is not the owner.
    expect(
      wombatHarborMembers.filter(
        [{ member: 'group:default/payments', role: 'developer' }],
        'group:default/team-payments',
      ),
    ).toEqual([
      { group: 'team-payments', role: 'projectAdmin' },
      { group: 'payments', role: 'developer' },
    ]);
  });

  it('works without an owner', () => {
    expect(
      wombatHarborMembers.filter(
        [{ member: 'group:default/web', role: 'manager' }],
        undefined,
      ),
    ).toEqual([{ group: 'web', role: 'maintainer' }]);
  });
});

describe('wombatRancherMembers', () => {
  const formats = readPrincipalFormats(
    new ConfigReader({
      wombat: {
        rancher: {
          principals: {
            user: 'openldap_user://uid={name},ou=people,dc=acme,dc=example',
            group: 'openldap_group://cn={name},ou=groups,dc=acme,dc=example',
          },
        },
      },
    }),
  );

  it('builds principals from the configured formats and maps roles', () => {
    expect(
      createWombatRancherMembersFilter(formats).filter(members, owner),
    ).toEqual([
      {
        principal:
          'openldap_group://cn=team-payments,ou=groups,dc=acme,dc=example',
        role: 'project-owner',
      },
      {
        principal: 'openldap_user://uid=jdoe,ou=people,dc=acme,dc=example',
        role: 'project-member',
      },
      {
        principal: 'openldap_group://cn=auditors,ou=groups,dc=acme,dc=example',
        role: 'read-only',
      },
      {
        principal: 'openldap_user://uid=maria,ou=people,dc=acme,dc=example',
        role: 'project-owner',
      },
    ]);
  });

  it('says what is missing when the formats are not configured', () => {
    const filter = createWombatRancherMembersFilter(
      readPrincipalFormats(new ConfigReader({})),
    );
    expect(filter.filter([], undefined)).toEqual([]);
    expect(() => filter.filter(members, owner)).toThrow(
      'wombatRancherMembers needs wombat.rancher.principals (user and group) in the configuration',
    );
  });

  it('refuses a format without {name} at start', () => {
    expect(() =>
      readPrincipalFormats(
        new ConfigReader({
          wombat: {
            rancher: {
              principals: { user: 'local://u-x', group: 'g://{name}' },
            },
          },
        }),
      ),
    ).toThrow('wombat.rancher.principals.user must contain {name}');
  });
});
