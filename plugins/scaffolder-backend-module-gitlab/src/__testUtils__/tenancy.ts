import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ProjectEntityV1alpha1 } from '@wombat/plugin-wombat-common';
import { ProjectGuard } from '@wombat/plugin-wombat-node';
import { createFakeUserInfo } from '@wombat/plugin-wombat-node-test-utils';

/** The Wombat projects in the test catalog. */
export const PROJECTS: ProjectEntityV1alpha1[] = [
  {
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
  },
  {
    apiVersion: 'wombat.dev/v1alpha1',
    kind: 'Project',
    metadata: { name: 'risk-engine', namespace: 'default' },
    spec: {
      owner: 'group:default/team-payments',
      lifecycle: 'production',
      visibility: 'private',
      members: [],
    },
  },
];

/**
 * ada: admin; maria: owner team of payments (manager); dana: developer of
 * payments; victor: viewer of payments; linus: global developer without a
 * role in payments; raj: nobody in payments and no global role.
 */
const USERS = {
  'user:default/ada': ['user:default/ada', 'group:default/platform-admins'],
  'user:default/maria': ['user:default/maria', 'group:default/team-payments'],
  'user:default/dana': ['user:default/dana'],
  'user:default/victor': ['user:default/victor', 'group:default/auditors'],
  'user:default/linus': ['user:default/linus', 'group:default/platform'],
  'user:default/raj': ['user:default/raj', 'group:default/team-web'],
};

export type TestUser = keyof typeof USERS;

export const credentialsOf = (user: TestUser) => mockCredentials.user(user);

export const RBAC_CONFIG = {
  wombat: {
    rbac: {
      admins: ['group:default/platform-admins'],
      roles: [{ subject: 'group:default/platform', role: 'developer' }],
    },
  },
};

/** The guard the module builds, over the test catalog and users. */
export function createTestGuard(): ProjectGuard {
  return ProjectGuard.fromConfig(new ConfigReader(RBAC_CONFIG), {
    catalog: catalogServiceMock({ entities: PROJECTS }),
    auth: mockServices.auth(),
    userInfo: createFakeUserInfo(USERS),
  });
}
