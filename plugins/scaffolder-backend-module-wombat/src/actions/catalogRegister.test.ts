import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  GitLabClientFactory,
  ProjectGuard,
  WOMBAT_LOCATIONS_TOPIC,
} from '@wombat/plugin-wombat-node';
import {
  createFakeUserInfo,
  createTaskRun,
} from '@wombat/plugin-wombat-node-test-utils';
import { createWombatCatalogRegisterAction } from './catalogRegister';

const config = new ConfigReader({
  integrations: {
    gitlab: [
      {
        host: 'gitlab.example.com',
        apiBaseUrl: 'https://gitlab.example.com/api/v4',
        token: 'test-gitlab-token-0123456789',
      },
    ],
  },
  wombat: {
    rbac: {
      admins: ['group:default/platform-admins'],
      roles: [{ subject: 'group:default/platform', role: 'developer' }],
    },
  },
});

const payments = {
  apiVersion: 'wombat.dev/v1alpha1',
  kind: 'Project',
  metadata: { name: 'payments', namespace: 'default' },
  spec: {
    owner: 'group:default/team-payments',
    lifecycle: 'production',
    members: [{ member: 'user:default/dana', role: 'developer' }],
  },
};

/** GitLab projects by path, with their topics. */
const topics: Record<string, string[]> = {
  'payments/payments': ['wombat', 'wombat-project.default.payments'],
  'payments/by-hand': [],
  'orders/orders': ['wombat-project.default.orders'],
};

function setUp() {
  const published: unknown[] = [];
  const gitlab = {
    forHost: () => ({
      api: {
        Projects: {
          show: async (path: string) => ({ topics: topics[path] ?? [] }),
        },
      },
    }),
  } as unknown as GitLabClientFactory;
  const action = createWombatCatalogRegisterAction({
    guard: ProjectGuard.fromConfig(config, {
      catalog: catalogServiceMock({ entities: [payments] }),
      auth: mockServices.auth(),
      userInfo: createFakeUserInfo({
        'user:default/ada': [
          'user:default/ada',
          'group:default/platform-admins',
        ],
        'user:default/linus': ['user:default/linus', 'group:default/platform'],
      }),
    }),
    gitlab,
    integrations: ScmIntegrations.fromConfig(config),
    events: {
      publish: async (params: unknown) => void published.push(params),
      subscribe: async () => {},
    },
  });
  const run = (user: string, input: Record<string, string>) =>
    action.handler(
      createTaskRun({ input, credentials: mockCredentials.user(user) }).ctx,
    );
  return { run, published };
}

const url = (path: string) => `https://gitlab.example.com/${path}/-/blob/main`;

describe('wombat:catalog:register', () => {
  it("registers a project's definition from the repository Wombat made for it", async () => {
    const { run, published } = setUp();
    await run('user:default/dana', {
      project: 'project:default/payments',
      repoContentsUrl: url('payments/payments'),
    });
    expect(published).toEqual([
      {
        topic: WOMBAT_LOCATIONS_TOPIC,
        eventPayload: {
          change: 'added',
          entityRef: 'project:default/payments',
          target:
            'https://gitlab.example.com/payments/payments/-/blob/main/catalog-info.yaml',
        },
      },
    ]);
  });

  it('lets a global developer register the project they are starting', async () => {
    const { run, published } = setUp();
    await run('user:default/linus', {
      project: 'project:default/orders',
      repoContentsUrl: url('orders/orders'),
    });
    expect(published).toHaveLength(1);
  });

  it('refuses someone without a role in the project, before asking GitLab', async () => {
    const { run, published } = setUp();
    await expect(
      run('user:default/raj', {
        project: 'project:default/payments',
        repoContentsUrl: url('payments/payments'),
      }),
    ).rejects.toThrow(
      'user:default/raj may not add to project:default/payments',
    );
    expect(published).toEqual([]);
  });

  it("refuses a file outside the project's group, or in a repository Wombat did not make for it", async () => {
    const { run, published } = setUp();
    await expect(
      run('user:default/dana', {
        project: 'project:default/payments',
        repoContentsUrl: url('team-web/raj-tools'),
      }),
    ).rejects.toThrow(
      "repoContentsUrl must be a repository in the project's GitLab group payments, not team-web/raj-tools",
    );
    await expect(
      run('user:default/dana', {
        project: 'project:default/payments',
        repoContentsUrl: url('payments/by-hand'),
      }),
    ).rejects.toThrow(
      'The GitLab project payments/by-hand was not created by Wombat for project:default/payments',
    );
    await expect(
      run('user:default/dana', {
        project: 'project:default/payments',
        repoContentsUrl:
          'https://evil.example.com/payments/payments/-/blob/main',
      }),
    ).rejects.toThrow('is not on a GitLab host of integrations.gitlab');
    expect(published).toEqual([]);
  });

  it('registers clusters for admins only', async () => {
    const { run, published } = setUp();
    const input = {
      cluster: 'cluster:default/staging-eu',
      repoContentsUrl: url('platform/clusters/staging-eu'),
    };
    await expect(run('user:default/linus', input)).rejects.toThrow(
      'Registering a cluster is for platform admins only',
    );
    expect(published).toEqual([]);
    await run('user:default/ada', input);
    expect(published).toHaveLength(1);
  });
});
