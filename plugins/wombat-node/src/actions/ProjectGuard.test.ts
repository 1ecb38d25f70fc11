import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ProjectEntityV1alpha1 } from '@wombat/plugin-wombat-common';
import { createFakeUserInfo } from '@wombat/plugin-wombat-node-test-utils';
import { claimExisting } from './ownership';
import { ProjectGuard } from './ProjectGuard';

const payments: ProjectEntityV1alpha1 = {
  apiVersion: 'wombat.dev/v1alpha1',
  kind: 'Project',
  metadata: { name: 'payments', namespace: 'default' },
  spec: {
    owner: 'group:default/team-payments',
    lifecycle: 'production',
    members: [
      { member: 'user:default/dana', role: 'developer' },
      { member: 'group:default/auditors', role: 'viewer' },
    ],
  },
};

const users = {
  'user:default/ada': ['user:default/ada', 'group:default/platform-admins'],
  'user:default/maria': ['user:default/maria', 'group:default/team-payments'],
  'user:default/dana': ['user:default/dana'],
  'user:default/victor': ['user:default/victor', 'group:default/auditors'],
  'user:default/linus': ['user:default/linus', 'group:default/platform'],
};

function createGuard() {
  return ProjectGuard.fromConfig(
    new ConfigReader({
      wombat: {
        rbac: {
          admins: ['group:default/platform-admins'],
          roles: [{ subject: 'group:default/platform', role: 'developer' }],
        },
      },
    }),
    {
      catalog: catalogServiceMock({ entities: [payments] }),
      auth: mockServices.auth(),
      userInfo: createFakeUserInfo(users),
    },
  );
}

const as = (user: keyof typeof users) => mockCredentials.user(user);

describe('ProjectGuard', () => {
  const guard = createGuard();

  it('lets a project developer add to the project, with no global role', async () => {
    const scope = await guard.authorize({
      credentials: as('user:default/dana'),
      project: 'project:default/payments',
      act: 'create',
    });
    expect(scope).toMatchObject({
      ref: 'project:default/payments',
      systemName: 'payments',
      stamp: 'wombat-project.default.payments',
      isNew: false,
      requester: {
        userEntityRef: 'user:default/dana',
        role: 'developer',
        isAdmin: false,
      },
    });
  });

  it('refuses a developer what needs a manager, and a viewer what needs a developer', async () => {
    await expect(
      guard.authorize({
        credentials: as('user:default/dana'),
        project: 'project:default/payments',
        act: 'destroy',
      }),
    ).rejects.toThrow(
      'user:default/dana may not remove anything from project:default/payments: that needs the manager role in it, and they are developer',
    );
    await expect(
      guard.authorize({
        credentials: as('user:default/victor'),
        project: 'project:default/payments',
        act: 'create',
      }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('gives the owner team manager, and a global developer nothing in an existing project', async () => {
    await expect(
      guard.authorize({
        credentials: as('user:default/maria'),
        project: 'project:default/payments',
        act: 'destroy',
      }),
    ).resolves.toMatchObject({ requester: { role: 'manager' } });
    await expect(
      guard.authorize({
        credentials: as('user:default/linus'),
        project: 'project:default/payments',
        act: 'create',
        allowNewProject: true,
      }),
    ).rejects.toThrow(
      'user:default/linus may not add to project:default/payments: that needs the developer role in it',
    );
  });

  it('lets global developers and admins start a project that is not in the catalog', async () => {
    await expect(
      guard.authorize({
        credentials: as('user:default/linus'),
        project: 'project:default/orders',
        act: 'create',
        allowNewProject: true,
      }),
    ).resolves.toMatchObject({ isNew: true, systemName: 'orders' });
    await expect(
      guard.authorize({
        credentials: as('user:default/dana'),
        project: 'project:default/orders',
        act: 'create',
        allowNewProject: true,
      }),
    ).rejects.toThrow(
      'user:default/dana may not start the new project project:default/orders: that needs the global developer role',
    );
    await expect(
      guard.authorize({
        credentials: as('user:default/ada'),
        project: 'project:default/orders',
        act: 'destroy',
      }),
    ).rejects.toThrow('is not in the catalog');
  });

  it('treats a project of another namespace as another project', async () => {
    await expect(
      guard.authorize({
        credentials: as('user:default/dana'),
        project: 'project:evil/payments',
        act: 'create',
        allowNewProject: true,
      }),
    ).rejects.toThrow('may not start the new project project:evil/payments');
  });

  it('refuses references that are not full, and requests without a user', async () => {
    await expect(
      guard.authorize({
        credentials: as('user:default/ada'),
        project: 'payments',
        act: 'create',
      }),
    ).rejects.toMatchObject({ name: 'InputError' });
    await expect(
      guard.authorize({
        credentials: mockCredentials.none(),
        project: 'project:default/payments',
        act: 'create',
      }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('trusts automation with a service token like an admin', async () => {
    await expect(
      guard.authorize({
        credentials: mockCredentials.service('plugin:automation'),
        project: 'project:default/payments',
        act: 'destroy',
      }),
    ).resolves.toMatchObject({ requester: { isService: true, isAdmin: true } });
  });
});

describe('claimExisting', () => {
  const guard = createGuard();
  const scopeOf = (user: keyof typeof users) =>
    guard.authorize({
      credentials: as(user),
      project: 'project:default/payments',
      act: 'create',
    });

  it('uses what carries the project stamp', async () => {
    const scope = await scopeOf('user:default/dana');
    expect(
      claimExisting(scope, { what: 'X', stamps: ['project:default/payments'] }),
    ).toBe('own');
  });

  it('refuses what belongs to another project, or to several, without naming them', async () => {
    const scope = await scopeOf('user:default/dana');
    expect(() =>
      claimExisting(scope, {
        what: 'GitLab project payments/api',
        stamps: ['project:default/risk-engine'],
      }),
    ).toThrow(
      'GitLab project payments/api belongs to another Wombat project than project:default/payments; choose another name',
    );
    expect(() =>
      claimExisting(scope, {
        what: 'X',
        stamps: ['project:default/payments', 'project:evil/payments'],
      }),
    ).toThrow('is stamped for 2 Wombat projects');
  });

  it('adopts what has no stamp only for an admin who asks', async () => {
    const developer = await scopeOf('user:default/dana');
    expect(() => claimExisting(developer, { what: 'X', stamps: [] })).toThrow(
      'X exists but was not created by Wombat for project:default/payments; choose another name, or ask a platform admin to adopt it (adopt: true)',
    );
    expect(() =>
      claimExisting(developer, { what: 'X', stamps: [], adopt: true }),
    ).toThrow('Adopting X is for platform admins only');
    const admin = await scopeOf('user:default/ada');
    expect(claimExisting(admin, { what: 'X', stamps: [], adopt: true })).toBe(
      'adopt',
    );
  });
});
