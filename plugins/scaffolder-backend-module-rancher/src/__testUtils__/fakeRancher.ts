import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  HarborClientFactory,
  RancherClientFactory,
} from '@wombat/plugin-wombat-node';
import {
  createFakeHarbor,
  createFakeRancher,
} from '@wombat/plugin-wombat-node-test-utils';
import { setupServer } from 'msw/node';

export const RANCHER_TOKEN = 'token-test1:notrealsecret0123456789';

/** The demo catalog's two clusters, as the Rancher actions see them. */
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
    metadata: { name: 'prod-eu', namespace: 'default' },
    spec: {
      owner: 'group:default/platform',
      type: 'kubernetes',
      environment: 'production',
    },
  },
];

/**
 * Fresh fake Rancher and Harbor for each test, clients configured for them,
 * a catalog holding the clusters, and a check after each test that nothing
 * was sent that the real servers would refuse.
 */
export function useFakeRancher() {
  const server = setupServer();
  registerMswTestHooks(server);
  const config = new ConfigReader({
    wombat: {
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
  const systems = {
    rancher: createFakeRancher(),
    harbor: createFakeHarbor(),
    rancherClients: RancherClientFactory.fromConfig(config, {
      retry: { baseDelayMs: 1 },
    }),
    harborClients: HarborClientFactory.fromConfig(config, {
      retry: { baseDelayMs: 1 },
    }),
    catalog: catalogServiceMock({ entities: clusterEntities }),
  };
  beforeEach(() => {
    systems.rancher = createFakeRancher({ token: RANCHER_TOKEN });
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
