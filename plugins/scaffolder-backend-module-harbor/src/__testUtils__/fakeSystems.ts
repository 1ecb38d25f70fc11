import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  GitLabClientFactory,
  HarborClientFactory,
} from '@wombat/plugin-wombat-node';
import {
  createFakeGitLab,
  createFakeHarbor,
} from '@wombat/plugin-wombat-node-test-utils';
import { setupServer } from 'msw/node';

export const GITLAB_TOKEN = 'test-gitlab-token-0123456789';
export const HARBOR_PASSWORD = 'Harbor12345';

/**
 * Fresh fake Harbor and GitLab for each test, the clients configured for
 * them, and a check after each test that nothing was sent that the real
 * servers would refuse.
 */
export function useFakeSystems() {
  const server = setupServer();
  registerMswTestHooks(server);
  const config = new ConfigReader({
    integrations: {
      gitlab: [
        {
          host: 'gitlab.example.com',
          apiBaseUrl: 'https://gitlab.example.com/api/v4',
          token: GITLAB_TOKEN,
        },
      ],
    },
    wombat: {
      harbor: {
        instances: [
          {
            name: 'default',
            url: 'https://harbor.example.com',
            username: 'admin',
            password: HARBOR_PASSWORD,
          },
        ],
      },
    },
  });
  const systems = {
    harbor: createFakeHarbor(),
    gitlab: createFakeGitLab({ token: GITLAB_TOKEN }),
    harborClients: HarborClientFactory.fromConfig(config, {
      retry: { baseDelayMs: 1 },
    }),
    gitlabClients: GitLabClientFactory.fromConfig(config, {
      retry: { baseDelayMs: 1 },
    }),
  };
  beforeEach(() => {
    systems.harbor = createFakeHarbor({ groups: ['team-web'] });
    systems.gitlab = createFakeGitLab({
      token: GITLAB_TOKEN,
      namespaces: [{ fullPath: 'platform' }],
      projects: [{ pathWithNamespace: 'platform/payments-api' }],
    });
    server.use(...systems.harbor.handlers, ...systems.gitlab.handlers);
  });
  afterEach(() => {
    const violations = [
      ...systems.harbor.violations,
      ...systems.gitlab.violations,
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
