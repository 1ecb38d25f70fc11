import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ProjectEntityV1alpha1 } from '@wombat/plugin-wombat-common';
import {
  GitLabClientFactory,
  HarborClientFactory,
  ProjectGuard,
} from '@wombat/plugin-wombat-node';
import {
  createFakeGitLab,
  createFakeHarbor,
  createFakeUserInfo,
  createTaskRun,
} from '@wombat/plugin-wombat-node-test-utils';
import { setupServer } from 'msw/node';

export const GITLAB_TOKEN = 'test-gitlab-token-0123456789';
export const HARBOR_PASSWORD = 'Harbor12345';

export const PAYMENTS = 'project:default/payments';
export const PAYMENTS_STAMP = 'wombat-project.default.payments';

function project(
  name: string,
  members: ProjectEntityV1alpha1['spec']['members'],
): ProjectEntityV1alpha1 {
  return {
    apiVersion: 'wombat.dev/v1alpha1',
    kind: 'Project',
    metadata: { name, namespace: 'default' },
    spec: {
      owner: `group:default/team-${name}`,
      lifecycle: 'production',
      members,
    },
  };
}

/**
 * Who is who: ada is a platform admin; maria manages payments (her team
 * owns it), dana develops in it, victor may only view it; linus and raj
 * are global developers with no role in it, and raj's team owns
 * risk-engine.
 */
const USERS = {
  ada: ['group:default/platform-admins'],
  maria: ['group:default/team-payments'],
  dana: [],
  victor: ['group:default/auditors'],
  linus: ['group:default/platform'],
  raj: ['group:default/team-risk-engine', 'group:default/team-web'],
};

/** A person of the test organisation. */
export type Person = keyof typeof USERS;

/**
 * Fresh fake Harbor and GitLab for each test, the clients configured for
 * them, a ProjectGuard over a catalog with the projects payments and
 * risk-engine, and a check after each test that nothing was sent that the
 * real servers would refuse.
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
      rbac: {
        admins: ['group:default/platform-admins'],
        roles: [
          { subject: 'group:default/platform', role: 'developer' },
          { subject: 'group:default/team-web', role: 'developer' },
        ],
      },
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
  const guard = ProjectGuard.fromConfig(config, {
    catalog: catalogServiceMock({
      entities: [
        project('payments', [
          { member: 'user:default/dana', role: 'developer' },
          { member: 'group:default/auditors', role: 'viewer' },
        ]),
        project('risk-engine', []),
      ],
    }),
    auth: mockServices.auth(),
    userInfo: createFakeUserInfo(
      Object.fromEntries(
        Object.entries(USERS).map(([user, groups]) => [
          `user:default/${user}`,
          [`user:default/${user}`, ...groups],
        ]),
      ),
    ),
  });
  const systems = {
    guard,
    harbor: createFakeHarbor(),
    gitlab: createFakeGitLab({ token: GITLAB_TOKEN }),
    harborClients: HarborClientFactory.fromConfig(config, {
      retry: { baseDelayMs: 1 },
    }),
    gitlabClients: GitLabClientFactory.fromConfig(config, {
      retry: { baseDelayMs: 1 },
    }),
    /** A task run started by one of the test organisation. */
    run(
      as: Person,
      input: Parameters<typeof createTaskRun>[0]['input'],
      options: { isDryRun?: boolean } = {},
    ) {
      return createTaskRun({
        input,
        isDryRun: options.isDryRun,
        credentials: mockCredentials.user(`user:default/${as}`),
      });
    },
    /** The GitLab project of that path in the fake. */
    gitlabProject(path: string) {
      return systems.gitlab.state.projects.find(
        p => p.path_with_namespace === path,
      )!;
    },
  };
  beforeEach(() => {
    systems.harbor = createFakeHarbor({ groups: ['team-web'] });
    systems.gitlab = createFakeGitLab({
      token: GITLAB_TOKEN,
      namespaces: [
        { fullPath: 'payments' },
        { fullPath: 'risk-engine' },
        { fullPath: 'team-web' },
      ],
      projects: [
        { pathWithNamespace: 'payments/payments-api' },
        { pathWithNamespace: 'payments/backoffice/payments-admin' },
        { pathWithNamespace: 'payments/unstamped' },
        { pathWithNamespace: 'risk-engine/fraud-model' },
        { pathWithNamespace: 'team-web/raj-tools' },
      ],
    });
    for (const [path, topic] of [
      ['payments/payments-api', PAYMENTS_STAMP],
      ['payments/backoffice/payments-admin', PAYMENTS_STAMP],
      ['risk-engine/fraud-model', 'wombat-project.default.risk-engine'],
      // Stamped for payments, but outside its group: still not its own.
      ['team-web/raj-tools', PAYMENTS_STAMP],
    ]) {
      systems.gitlabProject(path).topics = [topic];
    }
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
