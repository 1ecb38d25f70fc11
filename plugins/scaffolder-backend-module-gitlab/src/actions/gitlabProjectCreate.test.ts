import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { initRepoAndPush } from '@backstage/plugin-scaffolder-node';
import { GitLabClientFactory } from '@wombat/plugin-wombat-node';
import {
  createFakeGitLab,
  createTaskRun,
} from '@wombat/plugin-wombat-node-test-utils';
import { setupServer } from 'msw/node';
import { createTestGuard, credentialsOf } from '../__testUtils__/tenancy';
import { createGitLabProjectCreateAction } from './gitlabProjectCreate';

jest.mock('@backstage/plugin-scaffolder-node', () => ({
  ...jest.requireActual('@backstage/plugin-scaffolder-node'),
  initRepoAndPush: jest.fn(async () => ({ commitHash: 'c0ffee' })),
}));

const TOKEN = 'test-gitlab-token-0123456789';
const SECRET = 'S3cr3t-Sonar-Token-9876';
const KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAcs7rbRiJmYKirp7WzM4v6LbX4mhxSvAO8ZuZHiZG5+ argo-cd@platform';

const config = new ConfigReader({
  integrations: {
    gitlab: [
      {
        host: 'gitlab.example.com',
        apiBaseUrl: 'https://gitlab.example.com/api/v4',
        token: TOKEN,
      },
    ],
  },
});

const action = createGitLabProjectCreateAction({
  integrations: ScmIntegrations.fromConfig(config),
  gitlab: GitLabClientFactory.fromConfig(config, { retry: { baseDelayMs: 1 } }),
  guard: createTestGuard(),
  config,
});

const input = {
  project: 'project:default/payments',
  repoUrl: 'gitlab.example.com?owner=payments/backend&repo=payments-api',
  visibility: 'internal' as const,
  description: 'Takes payments',
  members: [
    { username: 'maria', accessLevel: 'maintainer' as const },
    { username: 'jdoe', accessLevel: 'developer' as const },
  ],
  deployKeys: [{ title: 'argo-cd', key: KEY, canPush: false }],
  protectedBranches: [
    {
      name: 'main',
      pushAccessLevel: 'noAccess' as const,
      mergeAccessLevel: 'maintainer' as const,
    },
  ],
  variables: [
    { key: 'DEPLOY_ENV', value: 'dev' },
    { key: 'SONAR_TOKEN', value: SECRET, masked: true, protected: true },
  ],
};

/** A task started by maria, a manager of payments, who may give people access. */
const taskRun = (options: Parameters<typeof createTaskRun>[0]) =>
  createTaskRun({
    credentials: credentialsOf('user:default/maria'),
    ...options,
  });

const writes = (requests: Array<{ method: string }>) =>
  requests.filter(r => !['GET', 'HEAD'].includes(r.method));

describe('gitlab:project:create', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  let gitlab: ReturnType<typeof createFakeGitLab>;

  beforeEach(() => {
    gitlab = createFakeGitLab({ token: TOKEN });
    server.use(...gitlab.handlers);
    jest.mocked(initRepoAndPush).mockClear();
  });

  afterEach(() => {
    // A request the real GitLab would refuse fails the test that sent it.
    if (gitlab.violations.length > 0) {
      throw new Error(
        `GitLab contract violations: ${gitlab.violations.join('; ')}`,
      );
    }
  });

  it('creates the groups, the project and everything on it', async () => {
    const run = taskRun({ input });
    await action.handler(run.ctx);

    const project = gitlab.state.projects.find(
      p => p.path_with_namespace === 'payments/backend/payments-api',
    )!;
    expect(project).toBeDefined();
    expect(project.visibility).toBe('internal');
    expect(
      gitlab.state.namespaces
        .filter(n => n.kind === 'group')
        .map(n => [n.full_path, n.visibility])
        .sort(),
    ).toEqual([
      ['payments', 'internal'],
      ['payments/backend', 'internal'],
    ]);
    expect(
      project.members.map(m => [m.username, m.access_level]).sort(),
    ).toEqual([
      ['jdoe', 30],
      ['maria', 40],
    ]);
    expect(project.deployKeys).toEqual([
      expect.objectContaining({ title: 'argo-cd', can_push: false }),
    ]);
    // GitLab's own rule on main (maintainers push) was replaced.
    expect(
      project.protectedBranches.map(b => [
        b.name,
        b.push_access_levels.map(l => l.access_level),
        b.merge_access_levels.map(l => l.access_level),
        b.allow_force_push,
      ]),
    ).toEqual([['main', [0], [40], false]]);
    expect(
      project.variables.map(v => [
        v.key,
        v.masked,
        v.protected,
        v.environment_scope,
      ]),
    ).toEqual([
      ['DEPLOY_ENV', false, false, '*'],
      ['SONAR_TOKEN', true, true, '*'],
    ]);
    expect(run.outputs).toEqual({
      projectId: project.id,
      projectPath: 'payments/backend/payments-api',
      remoteUrl: 'https://gitlab.example.com/payments/backend/payments-api',
      repoContentsUrl:
        'https://gitlab.example.com/payments/backend/payments-api/-/blob/main',
      cloneUrl: 'https://gitlab.example.com/payments/backend/payments-api.git',
      sshUrl: 'git@gitlab.example.com:payments/backend/payments-api.git',
      created: true,
    });
    expect(initRepoAndPush).not.toHaveBeenCalled();
  });

  it('adopts everything on a second run and writes nothing', async () => {
    await action.handler(taskRun({ input }).ctx);
    const before = gitlab.requests.length;

    const second = taskRun({ input });
    await action.handler(second.ctx);

    expect(writes(gitlab.requests.slice(before))).toEqual([]);
    expect(second.outputs.created).toBe(false);
    expect(gitlab.state.projects).toHaveLength(1);
  });

  it('reports an existing project that differs as a conflict, saying how', async () => {
    await action.handler(taskRun({ input }).ctx);
    const run = taskRun({ input: { ...input, visibility: 'private' } });
    await expect(action.handler(run.ctx)).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'GitLab project payments/backend/payments-api already exists and differs: its visibility is internal, the template asks for private',
    });
  });

  it('reports a differing variable without showing either value', async () => {
    await action.handler(taskRun({ input }).ctx);
    const changed = {
      ...input,
      variables: [
        {
          key: 'SONAR_TOKEN',
          value: 'Another-Secret-42',
          masked: true,
          protected: true,
        },
      ],
    };
    const error = await action
      .handler(taskRun({ input: changed }).ctx)
      .catch(e => e);
    expect(error.name).toBe('ConflictError');
    expect(error.message).toBe(
      'CI/CD variable SONAR_TOKEN (environment scope *) already exists on payments/backend/payments-api with other settings or another value; Wombat leaves it as it is',
    );
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain('Another-Secret-42');
  });

  it('reports a member with another access level as a conflict', async () => {
    await action.handler(taskRun({ input }).ctx);
    const run = taskRun({
      input: {
        ...input,
        members: [{ username: 'jdoe', accessLevel: 'maintainer' as const }],
      },
    });
    await expect(action.handler(run.ctx)).rejects.toThrow(
      'jdoe is already a developer of payments/backend/payments-api; the template asks for maintainer',
    );
  });

  it('makes no writes in a dry run', async () => {
    const run = taskRun({ input, isDryRun: true });
    await action.handler(run.ctx);
    expect(writes(gitlab.requests)).toEqual([]);
    expect(run.outputs).toMatchObject({ projectId: 0, created: false });
  });

  it('creates nothing twice when a task is retried after a failure half-way', async () => {
    gitlab.failNext({ method: 'POST', path: /\/variables$/ }, 500);
    const run = taskRun({ input });
    await expect(action.handler(run.ctx)).rejects.toThrow(
      /GitLab POST .*\/variables failed with 500/,
    );

    const retried = run.retry();
    await action.handler(retried.ctx);

    const projectCreations = gitlab.requests.filter(
      r => r.method === 'POST' && r.path === '/projects',
    );
    expect(projectCreations).toHaveLength(1);
    const [project] = gitlab.state.projects;
    expect(project.members).toHaveLength(2);
    expect(project.deployKeys).toHaveLength(1);
    expect(project.variables.map(v => v.key)).toEqual([
      'DEPLOY_ENV',
      'SONAR_TOKEN',
    ]);
    // The checkpoint remembers that the first attempt created the project.
    expect(retried.outputs.created).toBe(true);
  });

  it('retries when GitLab is briefly unavailable', async () => {
    gitlab.failNext({ method: 'POST', path: /^\/projects$/ }, 503, 2);
    const run = taskRun({ input });
    await action.handler(run.ctx);
    expect(run.outputs.created).toBe(true);
    expect(gitlab.state.projects).toHaveLength(1);
  });

  it.each([
    [
      'a project name GitLab refuses',
      { repoUrl: 'gitlab.example.com?owner=payments&repo=payments.git' },
      'repoUrl has the project name "payments.git", which cannot end in ".git" or ".atom"',
    ],
    [
      'a group path segment GitLab refuses',
      { repoUrl: 'gitlab.example.com?owner=payments/-backend&repo=api' },
      'repoUrl has the group path segment "-backend"',
    ],
    [
      'a host that is not configured',
      { repoUrl: 'gitlab.other.com?owner=payments&repo=api' },
      'repoUrl',
    ],
    [
      'a deploy key that is not a public key',
      {
        deployKeys: [
          { title: 'x', key: '-----BEGIN OPENSSH PRIVATE KEY-----' },
        ],
      },
      'deployKeys[0].key has the unknown key type',
    ],
    [
      'a masked value GitLab cannot mask',
      { variables: [{ key: 'TOKEN', value: 'short', masked: true }] },
      'variables[0].value must be at least 8 characters long to be masked',
    ],
    [
      'a variable key GitLab refuses',
      { variables: [{ key: 'MY-TOKEN', value: 'x' }] },
      'variables[0].key "MY-TOKEN" can contain only letters',
    ],
    [
      'a default branch given as a ref',
      { defaultBranch: 'refs/heads/main' },
      'defaultBranch "refs/heads/main" must be a branch name',
    ],
  ])('rejects %s before any request', async (_case, change, message) => {
    const run = taskRun({ input: { ...input, ...change } });
    await expect(action.handler(run.ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(message),
    });
    expect(gitlab.requests).toEqual([]);
  });

  it('rejects an unknown user before creating anything', async () => {
    const run = taskRun({
      input: {
        ...input,
        members: [{ username: 'nobody', accessLevel: 'developer' as const }],
      },
    });
    await expect(action.handler(run.ctx)).rejects.toThrow(
      'members: GitLab has no user nobody',
    );
    expect(writes(gitlab.requests)).toEqual([]);
  });

  it('pushes the workspace into the empty repository once', async () => {
    const withPush = { ...input, sourcePath: '.' };
    await action.handler(taskRun({ input: withPush }).ctx);
    expect(initRepoAndPush).toHaveBeenCalledTimes(1);
    expect(jest.mocked(initRepoAndPush).mock.calls[0][0]).toMatchObject({
      remoteUrl: 'https://gitlab.example.com/payments/backend/payments-api.git',
      auth: { username: 'oauth2', password: TOKEN },
      defaultBranch: 'main',
    });
    gitlab.markPushed('payments/backend/payments-api');

    await action.handler(taskRun({ input: withPush }).ctx);
    expect(initRepoAndPush).toHaveBeenCalledTimes(1);
  });

  it('keeps the token and secret values out of logs and outputs', async () => {
    const run = taskRun({ input });
    await action.handler(run.ctx);
    const everything = JSON.stringify([run.logs, run.outputs]);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(TOKEN);
    expect(run.logs.length).toBeGreaterThan(0);
  });
});
