import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  HarborClientFactory,
  ProjectGuard,
  RancherClientFactory,
  stampHarborProject,
} from '@wombat/plugin-wombat-node';
import { projectStamp } from '@wombat/plugin-wombat-common';
import {
  createFakeHarbor,
  createFakeRancher,
  createFakeUserInfo,
} from '@wombat/plugin-wombat-node-test-utils';
import { setupServer } from 'msw/node';
import { createRancherNamespaceCreateAction } from '../actions/rancherNamespaceCreate';
import { createRancherProjectCreateAction } from '../actions/rancherProjectCreate';

export const RANCHER_TOKEN = 'token-test1:notrealsecret0123456789';

/** The clusters of the test catalog, as the Rancher actions see them. */
export const clusterEntities = [
  {
    apiVersion: 'wombat.dev/v1alpha1',
    kind: 'Cluster',
    metadata: { name: 'dev-eu', namespace: 'default' },
    spec: {
      owner: 'group:default/platform',
      type: 'rancher',
      environment: 'development',
      rancher: { instance: 'default', clusterId: 'c-m-abc12' },
    },
  },
  {
    apiVersion: 'wombat.dev/v1alpha1',
    kind: 'Cluster',
    metadata: { name: 'dev-us', namespace: 'default' },
    spec: {
      owner: 'group:default/platform',
      type: 'rancher',
      environment: 'development',
      rancher: { clusterId: 'c-m-xyz89' },
    },
  },
  {
    apiVersion: 'wombat.dev/v1alpha1',
    kind: 'Cluster',
    metadata: { name: 'rancher-local', namespace: 'default' },
    spec: {
      owner: 'group:default/platform',
      type: 'rancher',
      environment: 'production',
      rancher: { clusterId: 'local' },
    },
  },
  {
    apiVersion: 'wombat.dev/v1alpha1',
    kind: 'Cluster',
    metadata: { name: 'prod-eu', namespace: 'default' },
    spec: {
      owner: 'group:default/platform',
      type: 'kubernetes',
      environment: 'production',
    },
  },
];

/**
 * Two projects: payments (dana is a developer, victor a viewer; the owner
 * team is manager), whose environments name dev-eu once bare and once in
 * full, and risk-engine, another team's.
 */
export const projectEntities = [
  {
    apiVersion: 'wombat.dev/v1alpha1',
    kind: 'Project',
    metadata: { name: 'payments', namespace: 'default' },
    spec: {
      owner: 'group:default/team-payments',
      lifecycle: 'production',
      members: [
        { member: 'user:default/dana', role: 'developer' },
        { member: 'user:default/victor', role: 'viewer' },
      ],
      environments: [
        { name: 'dev', cluster: 'dev-eu', namespace: 'payments-dev' },
        {
          name: 'staging',
          cluster: 'Cluster:default/Dev-EU',
          namespace: 'payments-staging',
        },
        {
          name: 'prod',
          cluster: 'cluster:default/prod-eu',
          namespace: 'payments-prod',
        },
      ],
    },
  },
  {
    apiVersion: 'wombat.dev/v1alpha1',
    kind: 'Project',
    metadata: { name: 'risk-engine', namespace: 'default' },
    spec: {
      owner: 'group:default/team-risk',
      lifecycle: 'production',
      visibility: 'private',
      environments: [
        { name: 'dev', cluster: 'dev-eu', namespace: 'risk-engine-dev' },
      ],
    },
  },
];

export const PAYMENTS = 'project:default/payments';
export const RISK_ENGINE = 'project:default/risk-engine';

/** The people of the tests and the groups their tokens list. */
const users = {
  'user:default/ada': ['user:default/ada', 'group:default/platform-admins'],
  'user:default/maria': ['user:default/maria', 'group:default/team-payments'],
  'user:default/dana': ['user:default/dana'],
  'user:default/victor': ['user:default/victor'],
  'user:default/linus': ['user:default/linus', 'group:default/platform'],
  'user:default/raj': ['user:default/raj', 'group:default/team-web'],
};

/** The credentials of a task started by one of the test users. */
export const as = (
  user: 'ada' | 'maria' | 'dana' | 'victor' | 'linus' | 'raj',
) => mockCredentials.user(`user:default/${user}`);

/**
 * Fresh fake Rancher and Harbor for each test, clients configured for them,
 * a catalog holding the clusters and projects, the two actions, and a check
 * after each test that nothing was sent that the real servers would refuse.
 */
export function useFakeRancher() {
  const server = setupServer();
  registerMswTestHooks(server);
  const config = new ConfigReader({
    wombat: {
      rbac: {
        admins: ['group:default/platform-admins'],
        roles: [
          { subject: 'group:default/platform', role: 'developer' },
          { subject: 'group:default/team-web', role: 'developer' },
        ],
      },
      rancher: {
        instances: [
          {
            name: 'default',
            url: 'https://rancher.example.com',
            token: RANCHER_TOKEN,
          },
        ],
      },
      harbor: {
        instances: [
          {
            name: 'default',
            url: 'https://harbor.example.com',
            username: 'admin',
            password: 'Harbor12345',
          },
        ],
      },
    },
  });
  const catalog = catalogServiceMock({
    entities: [...clusterEntities, ...projectEntities],
  });
  const auth = mockServices.auth();
  const guard = ProjectGuard.fromConfig(config, {
    catalog,
    auth,
    userInfo: createFakeUserInfo(users),
  });
  const rancherClients = RancherClientFactory.fromConfig(config, {
    retry: { baseDelayMs: 1 },
  });
  const harborClients = HarborClientFactory.fromConfig(config, {
    retry: { baseDelayMs: 1 },
  });
  const systems = {
    rancher: createFakeRancher(),
    harbor: createFakeHarbor(),
    rancherClients,
    harborClients,
    catalog,
    projectAction: createRancherProjectCreateAction({
      rancher: rancherClients,
      guard,
    }),
    namespaceAction: createRancherNamespaceCreateAction({
      rancher: rancherClients,
      harbor: harborClients,
      guard,
    }),
    /** A Rancher project as rancher:project:create leaves it. */
    async rancherProject(
      name: string,
      stamp?: string,
      clusterId = 'c-m-abc12',
    ): Promise<string> {
      const project = await rancherClients.forInstance().createProject({
        name,
        clusterId,
        ...(stamp ? { annotations: { 'wombat.dev/project': stamp } } : {}),
      });
      return project.id;
    },
    /** A Harbor project as harbor:project:create leaves it. */
    async harborProject(name: string, stamp?: string) {
      const harbor = harborClients.forInstance();
      const id = await harbor.createProject({
        project_name: name,
        metadata: { public: 'false' },
      });
      if (stamp) {
        await stampHarborProject(harbor, { id, name }, projectStamp(stamp));
      }
      return { id, name };
    },
  };
  beforeEach(() => {
    systems.rancher = createFakeRancher({
      token: RANCHER_TOKEN,
      clusters: [
        { id: 'c-m-abc12', name: 'dev-eu' },
        { id: 'c-m-xyz89', name: 'dev-us' },
        { id: 'local', name: 'local' },
      ],
    });
    systems.harbor = createFakeHarbor();
    server.use(...systems.rancher.handlers, ...systems.harbor.handlers);
  });
  afterEach(() => {
    const violations = [
      ...systems.rancher.violations,
      ...systems.harbor.violations,
    ];
    if (violations.length > 0) {
      throw new Error(`Contract violations: ${violations.join('; ')}`);
    }
  });
  return systems;
}

/** Requests that change something. */
export function writes(requests: Array<{ method: string; path: string }>) {
  return requests.filter(r => !['GET', 'HEAD'].includes(r.method));
}
