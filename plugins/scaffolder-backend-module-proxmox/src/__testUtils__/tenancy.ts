import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ProjectEntityV1alpha1 } from '@wombat/plugin-wombat-common';
import { ProjectGuard } from '@wombat/plugin-wombat-node';
import { createFakeUserInfo } from '@wombat/plugin-wombat-node-test-utils';

function project(
  name: string,
  spec: ProjectEntityV1alpha1['spec'],
  namespace = 'default',
): ProjectEntityV1alpha1 {
  return {
    apiVersion: 'wombat.dev/v1alpha1',
    kind: 'Project',
    metadata: { name, namespace },
    spec,
  };
}

/**
 * The demo org in small: payments (production) owned by team-payments,
 * with dana as developer and the auditors as viewers; raj-sandbox
 * (experimental) owned by raj, who is an outsider to payments, and the
 * shadow project:evil/payments that raj owns; lab, whose owner no Proxmox
 * tag can hold.
 */
export const PROJECTS = [
  project('payments', {
    owner: 'group:default/team-payments',
    lifecycle: 'production',
    members: [
      { member: 'user:default/dana', role: 'developer' },
      { member: 'group:default/auditors', role: 'viewer' },
    ],
  }),
  project('raj-sandbox', {
    owner: 'user:default/raj',
    lifecycle: 'experimental',
  }),
  project('lab', { owner: 'group:ops/lab-team', lifecycle: 'experimental' }),
  // A shadow of payments in another namespace, which raj registered.
  project(
    'payments',
    { owner: 'user:default/raj', lifecycle: 'production' },
    'evil',
  ),
];

const USERS = {
  'user:default/ada': ['user:default/ada', 'group:default/platform-admins'],
  'user:default/maria': ['user:default/maria', 'group:default/team-payments'],
  'user:default/dana': ['user:default/dana'],
  'user:default/victor': ['user:default/victor', 'group:default/auditors'],
  'user:default/raj': ['user:default/raj', 'group:default/team-web'],
};

export type TestUser = keyof typeof USERS;

/** Credentials of a user of the test org. */
export const as = (user: TestUser) => mockCredentials.user(user);

/** A guard over the test org: ada is admin, team-web are global developers. */
export function createTestGuard(): ProjectGuard {
  return ProjectGuard.fromConfig(
    new ConfigReader({
      wombat: {
        rbac: {
          admins: ['group:default/platform-admins'],
          roles: [{ subject: 'group:default/team-web', role: 'developer' }],
        },
      },
    }),
    {
      catalog: catalogServiceMock({ entities: PROJECTS }),
      auth: mockServices.auth(),
      userInfo: createFakeUserInfo(USERS),
    },
  );
}
