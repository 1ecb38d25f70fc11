import { ConfigReader } from '@backstage/config';
import { makeProject } from '../kinds/testEntities';
import {
  effectiveProjectRole,
  globalRoleOf,
  mayActInProject,
  normalizeEntityRef,
  parseProjectRef,
  projectGrants,
  projectStamp,
  projectSystemName,
  readProjectStamps,
  readWombatRbac,
  resolveProjectAccess,
} from '.';

const rbac = readWombatRbac(
  new ConfigReader({
    wombat: {
      rbac: {
        admins: ['group:default/platform-admins'],
        roles: [
          { subject: 'group:default/platform', role: 'developer' },
          { subject: 'Group:default/Auditors', role: 'viewer' },
        ],
      },
    },
  }),
);

describe('the project model', () => {
  const project = makeProject({
    owner: 'team-payments',
    members: [
      { member: 'maria', role: 'developer' },
      { member: 'user:default/maria', role: 'viewer' },
      { member: 'group:default/payments-devs', role: 'developer' },
      { member: 'group:default/auditors', role: 'viewer' },
    ],
  });

  it('lists the owner as manager and each member once, with its highest role', () => {
    expect(projectGrants(project)).toEqual([
      {
        subject: 'group:default/team-payments',
        role: 'manager',
        isOwner: true,
      },
      { subject: 'user:default/maria', role: 'developer', isOwner: false },
      {
        subject: 'group:default/payments-devs',
        role: 'developer',
        isOwner: false,
      },
      { subject: 'group:default/auditors', role: 'viewer', isOwner: false },
    ]);
  });

  it('resolves a role directly, through a group and as the owner, ignoring case', () => {
    expect(effectiveProjectRole(project, ['user:default/maria'])).toBe(
      'developer',
    );
    expect(
      effectiveProjectRole(project, [
        'user:default/kim',
        'Group:default/Payments-Devs',
      ]),
    ).toBe('developer');
    expect(
      effectiveProjectRole(project, [
        'user:default/jdoe',
        'group:default/team-payments',
      ]),
    ).toBe('manager');
    expect(effectiveProjectRole(project, ['user:default/raj'])).toBeUndefined();
  });

  it('takes a bare owner as a group and a bare member as a user of the project namespace', () => {
    const other = makeProject({
      owner: 'user:jo',
      members: [{ member: 'team', role: 'viewer' }],
    });
    other.metadata.namespace = 'tenant-a';
    expect(projectGrants(other).map(g => g.subject)).toEqual([
      'user:tenant-a/jo',
      'user:tenant-a/team',
    ]);
  });

  it('gives admins everything and global developers only the start of projects', () => {
    const admin = resolveProjectAccess({
      rbac,
      ownershipRefs: ['user:default/ada', 'group:default/platform-admins'],
      project,
    });
    expect(admin.isAdmin).toBe(true);
    expect(mayActInProject(admin, 'destroy')).toBe(true);

    const globalDeveloper = resolveProjectAccess({
      rbac,
      ownershipRefs: ['user:default/linus', 'group:default/platform'],
      project,
    });
    expect(globalDeveloper.globalRole).toBe('developer');
    expect(mayActInProject(globalDeveloper, 'startProject')).toBe(true);
    expect(mayActInProject(globalDeveloper, 'create')).toBe(false);
    expect(mayActInProject(globalDeveloper, 'read')).toBe(false);

    const developer = resolveProjectAccess({
      rbac,
      ownershipRefs: ['user:default/dana', 'group:default/payments-devs'],
      project,
    });
    expect(developer.globalRole).toBe('viewer');
    expect(mayActInProject(developer, 'create')).toBe(true);
    expect(mayActInProject(developer, 'destroy')).toBe(false);
    expect(mayActInProject(developer, 'startProject')).toBe(false);

    const manager = resolveProjectAccess({
      rbac,
      ownershipRefs: ['group:default/team-payments'],
      project,
    });
    expect(mayActInProject(manager, 'destroy')).toBe(true);
  });

  it('reads wombat.rbac with normalised references and refuses mistakes', () => {
    expect(globalRoleOf(rbac, ['group:default/auditors'])).toBe('viewer');
    expect(() =>
      readWombatRbac(
        new ConfigReader({
          wombat: { rbac: { roles: [{ subject: 'group:x', role: 'owner' }] } },
        }),
      ),
    ).toThrow(
      'wombat.rbac.roles[0].role "owner" must be admin, developer or viewer',
    );
    expect(() =>
      readWombatRbac(new ConfigReader({ wombat: { rbac: { admins: [':'] } } })),
    ).toThrow('wombat.rbac.admins: ":" is not an entity reference');
  });
});

describe('project references', () => {
  it('accepts only full references', () => {
    expect(parseProjectRef('Project:Default/Payments')).toEqual({
      kind: 'Project',
      namespace: 'default',
      name: 'payments',
    });
    for (const value of [
      'payments',
      'project:payments',
      'default/payments',
      'group:default/x',
      'project:default/Pay_ments',
    ]) {
      expect(() => parseProjectRef(value)).toThrow(
        `project ${JSON.stringify(
          value,
        )} is not a full Project reference such as project:default/payments`,
      );
    }
  });

  it('normalises any reference for comparison', () => {
    expect(normalizeEntityRef('Team-A', { defaultKind: 'group' })).toBe(
      'group:default/team-a',
    );
  });
});

describe('stamps', () => {
  it('spells a project as a tag and reads it back from tags and text', () => {
    expect(projectStamp('project:default/payments')).toBe(
      'wombat-project.default.payments',
    );
    expect(
      readProjectStamps([
        'wombat',
        'wombat-project.default.payments',
        'production',
      ]),
    ).toEqual(['project:default/payments']);
    expect(
      readProjectStamps(
        'Repositories of payments. Managed by Wombat: wombat-project.default.payments.',
      ),
    ).toEqual(['project:default/payments']);
  });

  it('reads the stamps of earlier versions, which held the bare name', () => {
    expect(readProjectStamps(['wombat-project.payments'])).toEqual([
      'project:default/payments',
    ]);
  });

  it('lists every project a resource claims, so that two can be refused', () => {
    expect(
      readProjectStamps(
        'wombat-project.default.a wombat-project.evil.a wombat-project.default.a',
      ),
    ).toEqual(['project:default/a', 'project:evil/a']);
  });

  it('finds no stamp in look-alikes', () => {
    expect(
      readProjectStamps(
        'xwombat-project.default.a wombat-project. wombat-project.-x',
      ),
    ).toEqual([]);
  });

  it('names a project in the systems by its name, or with its namespace outside the default one', () => {
    expect(projectSystemName('project:default/payments')).toBe('payments');
    expect(projectSystemName('project:tenant-a/payments')).toBe(
      'tenant-a.payments',
    );
  });
});
