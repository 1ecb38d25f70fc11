import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { GitLabClientFactory } from '@wombat/plugin-wombat-node';
import {
  createFakeGitLab,
  createTaskRun,
  type FakeGitLabOptions,
} from '@wombat/plugin-wombat-node-test-utils';
import { setupServer } from 'msw/node';
import {
  TestUser,
  createTestGuard,
  credentialsOf,
} from '../__testUtils__/tenancy';
import { createGitLabProjectCreateAction } from './gitlabProjectCreate';

jest.mock('@backstage/plugin-scaffolder-node', () => ({
  ...jest.requireActual('@backstage/plugin-scaffolder-node'),
  initRepoAndPush: jest.fn(async () => ({ commitHash: 'c0ffee' })),
}));

const TOKEN = 'test-gitlab-token-0123456789';
const PAYMENTS_STAMP = 'wombat-project.default.payments';
const RISK_ENGINE_STAMP = 'wombat-project.default.risk-engine';
const DEPLOY_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGaCtk/fSFOcIxzm2yfbyc+ZlXXFWhupRS3/3Pze5Lia raj';

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

const writes = <T extends { method: string }>(requests: T[]) =>
  requests.filter(r => !['GET', 'HEAD'].includes(r.method));

describe('gitlab:project:create tenancy', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  let gitlab: ReturnType<typeof createFakeGitLab>;

  function startGitLab(options: FakeGitLabOptions = {}) {
    gitlab = createFakeGitLab({ token: TOKEN, ...options });
    server.use(...gitlab.handlers);
    return gitlab;
  }

  function run(
    user: TestUser,
    input: Record<string, unknown>,
    options: { isDryRun?: boolean } = {},
  ) {
    const taskRun = createTaskRun({
      input: { project: 'project:default/payments', ...input } as any,
      credentials: credentialsOf(user),
      ...options,
    });
    return { taskRun, done: action.handler(taskRun.ctx) };
  }

  const projectAt = (path: string) =>
    gitlab.state.projects.find(p => p.path_with_namespace === path);
  const groupAt = (path: string) =>
    gitlab.state.namespaces.find(n => n.full_path === path);

  afterEach(() => {
    if (gitlab?.violations.length > 0) {
      throw new Error(
        `GitLab contract violations: ${gitlab.violations.join('; ')}`,
      );
    }
  });

  it('lets a developer of the project create under its group, stamping what it creates', async () => {
    startGitLab();
    const { taskRun, done } = run('user:default/dana', {
      repoUrl: 'gitlab.example.com?owner=payments/backend&repo=api',
      topics: ['payments'],
    });
    await done;

    expect(groupAt('payments')?.description).toBe(
      `Wombat project project:default/payments (${PAYMENTS_STAMP})`,
    );
    expect(groupAt('payments/backend')?.description).toContain(PAYMENTS_STAMP);
    // The stamp is part of the request that creates the project.
    const creation = gitlab.requests.find(
      r => r.method === 'POST' && r.path === '/projects',
    );
    expect((creation?.body as { topics: string[] }).topics).toEqual([
      'payments',
      PAYMENTS_STAMP,
    ]);
    expect(projectAt('payments/backend/api')?.topics).toEqual([
      'payments',
      PAYMENTS_STAMP,
    ]);
    expect(taskRun.outputs.created).toBe(true);
  });

  it.each([
    ['a viewer of the project', 'user:default/victor' as const],
    ['an outsider', 'user:default/raj' as const],
    [
      'a global developer without a role in the project',
      'user:default/linus' as const,
    ],
  ])('refuses %s before any request to GitLab', async (_who, user) => {
    startGitLab({ projects: [{ pathWithNamespace: 'payments/api' }] });
    const { done } = run(user, {
      repoUrl: 'gitlab.example.com?owner=payments&repo=api',
      members: [{ username: 'jdoe', accessLevel: 'maintainer' }],
    });
    await expect(done).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(
        `${user} may not add to project:default/payments: that needs the developer role in it`,
      ),
    });
    expect(gitlab.requests).toEqual([]);
  });

  it("leaves who may access the project's repositories to its managers, and owners to admins", async () => {
    startGitLab({
      users: [
        { id: 7, username: 'dana' },
        { id: 8, username: 'mallory' },
      ],
    });
    const { done } = run('user:default/dana', {
      repoUrl: 'gitlab.example.com?owner=payments&repo=api',
      members: [{ username: 'mallory', accessLevel: 'developer' }],
    });
    await expect(done).rejects.toThrow(
      'Giving people access in project:default/payments needs the manager role in it',
    );
    const { done: owner } = run('user:default/maria', {
      repoUrl: 'gitlab.example.com?owner=payments&repo=api',
      members: [{ username: 'dana', accessLevel: 'owner' }],
    });
    await expect(owner).rejects.toThrow(
      'Making someone owner of a GitLab project is for platform admins only',
    );
    expect(gitlab.requests).toEqual([]);
  });

  it('refuses the same in a dry run', async () => {
    startGitLab();
    const { done } = run(
      'user:default/raj',
      { repoUrl: 'gitlab.example.com?owner=payments&repo=api' },
      { isDryRun: true },
    );
    await expect(done).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(gitlab.requests).toEqual([]);
  });

  it.each([
    ["another team's group (F1-b)", 'team-payments'],
    ['a group whose name only starts like the project group', 'payments-evil'],
    [
      "another project's group, in a subgroup named like this project",
      'risk-engine/payments',
    ],
  ])('refuses a repoUrl in %s before any request', async (_case, owner) => {
    startGitLab({
      projects: [{ pathWithNamespace: 'team-payments/fraud-model' }],
    });
    const { done } = run('user:default/dana', {
      repoUrl: `gitlab.example.com?owner=${owner}&repo=fraud-model`,
      deployKeys: [{ title: 'backup', key: DEPLOY_KEY, canPush: true }],
      variables: [{ key: 'HTTPS_PROXY', value: 'http://raj.example:3128' }],
    });
    await expect(done).rejects.toMatchObject({
      name: 'InputError',
      message: `repoUrl must be in the project's GitLab group payments, or a subgroup of it; its owner is ${owner}`,
    });
    expect(gitlab.requests).toEqual([]);
  });

  it("keeps a project of another namespace out of the default namespace's group", async () => {
    startGitLab();
    const shadow = createTaskRun({
      input: {
        project: 'project:evil/payments',
        repoUrl: 'gitlab.example.com?owner=payments&repo=api',
      },
      credentials: credentialsOf('user:default/linus'),
    });
    await expect(action.handler(shadow.ctx)).rejects.toThrow(
      "repoUrl must be in the project's GitLab group evil.payments",
    );
    expect(gitlab.requests).toEqual([]);
  });

  it('refuses an existing GitLab project stamped for another Wombat project, writing nothing (F1)', async () => {
    startGitLab({
      namespaces: [
        {
          fullPath: 'payments',
          description: `Wombat project project:default/payments (${PAYMENTS_STAMP})`,
        },
      ],
      projects: [
        {
          pathWithNamespace: 'payments/fraud-model',
          topics: ['ml', RISK_ENGINE_STAMP],
        },
      ],
    });
    const { done } = run('user:default/maria', {
      repoUrl: 'gitlab.example.com?owner=payments&repo=fraud-model',
      members: [{ username: 'jdoe', accessLevel: 'maintainer' }],
      deployKeys: [{ title: 'backup', key: DEPLOY_KEY, canPush: true }],
    });
    const error = await done.catch(e => e);
    expect(error).toMatchObject({
      name: 'ConflictError',
      message:
        'GitLab project payments/fraud-model belongs to another Wombat project than project:default/payments; choose another name',
    });
    expect(error.message).not.toContain('risk-engine');
    expect(writes(gitlab.requests)).toEqual([]);
    expect(projectAt('payments/fraud-model')?.members).toEqual([]);
  });

  it('refuses a group level stamped for another Wombat project, even for an admin who adopts', async () => {
    startGitLab({
      namespaces: [
        { fullPath: 'payments', description: `Ours (${PAYMENTS_STAMP})` },
        { fullPath: 'payments/models', description: RISK_ENGINE_STAMP },
      ],
    });
    const { done } = run('user:default/ada', {
      repoUrl: 'gitlab.example.com?owner=payments/models&repo=new-model',
      adopt: true,
    });
    await expect(done).rejects.toThrow(
      'GitLab group payments/models belongs to another Wombat project than project:default/payments',
    );
    expect(writes(gitlab.requests)).toEqual([]);
  });

  describe('an existing project that carries no stamp', () => {
    const legacy: FakeGitLabOptions = {
      namespaces: [{ fullPath: 'payments', description: 'Payments team' }],
      projects: [
        { pathWithNamespace: 'payments/billing', topics: ['Billing'] },
      ],
    };
    const input = {
      repoUrl: 'gitlab.example.com?owner=payments&repo=billing',
    };

    it('is a conflict for a developer, and for a manager', async () => {
      for (const user of ['user:default/dana', 'user:default/maria'] as const) {
        startGitLab(legacy);
        await expect(run(user, input).done).rejects.toMatchObject({
          name: 'ConflictError',
          message:
            'GitLab group payments exists but was not created by Wombat for project:default/payments; choose another name, or ask a platform admin to adopt it (adopt: true)',
        });
        expect(writes(gitlab.requests)).toEqual([]);
      }
    });

    it("is a conflict in the project's own stamped group, and adopting stamps only the project", async () => {
      const inOwnGroup: FakeGitLabOptions = {
        ...legacy,
        namespaces: [
          { fullPath: 'payments', description: `Ours (${PAYMENTS_STAMP})` },
        ],
      };
      startGitLab(inOwnGroup);
      await expect(run('user:default/dana', input).done).rejects.toThrow(
        'GitLab project payments/billing exists but was not created by Wombat for project:default/payments',
      );
      expect(writes(gitlab.requests)).toEqual([]);

      startGitLab(inOwnGroup);
      await run('user:default/ada', { ...input, adopt: true }).done;
      expect(groupAt('payments')?.description).toBe(`Ours (${PAYMENTS_STAMP})`);
      expect(projectAt('payments/billing')?.topics).toContain(PAYMENTS_STAMP);
      expect(
        writes(gitlab.requests).filter(r => r.path.startsWith('/groups')),
      ).toEqual([]);
    });

    it('is a conflict for an admin who does not ask to adopt', async () => {
      startGitLab(legacy);
      await expect(run('user:default/ada', input).done).rejects.toMatchObject({
        name: 'ConflictError',
      });
      expect(writes(gitlab.requests)).toEqual([]);
    });

    it("is adopted and stamped for an admin with adopt: true, and is the project's from then on", async () => {
      startGitLab(legacy);
      const { taskRun, done } = run('user:default/ada', {
        ...input,
        members: [{ username: 'jdoe', accessLevel: 'maintainer' }],
        adopt: true,
      });
      await done;

      expect(groupAt('payments')?.description).toBe(
        `Payments team\n\nWombat project project:default/payments (${PAYMENTS_STAMP})`,
      );
      const billing = projectAt('payments/billing')!;
      expect(billing.topics).toEqual(['Billing', PAYMENTS_STAMP]);
      expect(billing.members.map(m => m.username)).toEqual(['jdoe']);
      expect(taskRun.outputs.created).toBe(false);
      expect(writes(gitlab.requests).map(r => `${r.method} ${r.path}`)).toEqual(
        [
          `PUT /groups/${groupAt('payments')!.id}`,
          `PUT /projects/${billing.id}`,
          `POST /projects/${billing.id}/members`,
        ],
      );

      // A developer may now work in it; nothing is written again.
      const before = gitlab.requests.length;
      await run('user:default/dana', input).done;
      expect(writes(gitlab.requests.slice(before))).toEqual([]);
    });

    it('refuses adopt: true from anyone but an admin, before any request', async () => {
      startGitLab(legacy);
      const { done } = run('user:default/maria', { ...input, adopt: true });
      await expect(done).rejects.toMatchObject({
        name: 'NotAllowedError',
        message:
          'Adopting existing GitLab groups and projects (adopt: true) is for platform admins only',
      });
      expect(gitlab.requests).toEqual([]);
    });

    it('says in a dry run what it would adopt, writing nothing', async () => {
      startGitLab(legacy);
      const { taskRun, done } = run(
        'user:default/ada',
        { ...input, adopt: true },
        { isDryRun: true },
      );
      await done;
      expect(taskRun.logs.map(l => l.message)).toEqual([
        'Dry run: would adopt GitLab group payments into project:default/payments, writing the stamp into its description',
        'Dry run: would adopt GitLab project payments/billing into project:default/payments, adding the stamp to its topics',
      ]);
      expect(writes(gitlab.requests)).toEqual([]);
    });

    it('fails a dry run the way the run would fail', async () => {
      startGitLab(legacy);
      const { done } = run('user:default/dana', input, { isDryRun: true });
      await expect(done).rejects.toMatchObject({ name: 'ConflictError' });
      expect(writes(gitlab.requests)).toEqual([]);
    });

    it('is not adopted when its group description cannot take the stamp', async () => {
      startGitLab({
        namespaces: [{ fullPath: 'payments', description: 'x'.repeat(240) }],
      });
      const { done } = run('user:default/ada', { ...input, adopt: true });
      await expect(done).rejects.toThrow(
        'GitLab group payments cannot be adopted: its description is too long to take the Wombat stamp',
      );
      expect(writes(gitlab.requests)).toEqual([]);
    });
  });

  it('finds what it created as its own on a re-run, also when the checkpoints were lost', async () => {
    startGitLab();
    const input = {
      repoUrl: 'gitlab.example.com?owner=payments/backend&repo=api',
      variables: [{ key: 'DEPLOY_ENV', value: 'dev' }],
    };
    await run('user:default/dana', input).done;
    const before = gitlab.requests.length;

    // A fresh task: no checkpoints say what the first one created.
    const { taskRun, done } = run('user:default/maria', input);
    await done;

    expect(writes(gitlab.requests.slice(before))).toEqual([]);
    expect(taskRun.outputs.created).toBe(false);
    expect(taskRun.logs.map(l => l.message)).toContain(
      "GitLab project payments/backend/api is project:default/payments's; using it",
    );
  });

  it('lets a global developer start a new project (not in the catalog) in its own group', async () => {
    startGitLab();
    const { taskRun, done } = run('user:default/linus', {
      project: 'project:default/orders',
      repoUrl: 'gitlab.example.com?owner=orders&repo=orders',
    });
    await done;
    expect(groupAt('orders')?.description).toContain(
      'wombat-project.default.orders',
    );
    expect(projectAt('orders/orders')?.topics).toEqual([
      'wombat-project.default.orders',
    ]);
    expect(taskRun.outputs.created).toBe(true);

    // The template's second step finds the same project, still not in the catalog.
    const before = gitlab.requests.length;
    await run('user:default/linus', {
      project: 'project:default/orders',
      repoUrl: 'gitlab.example.com?owner=orders&repo=orders',
    }).done;
    expect(writes(gitlab.requests.slice(before))).toEqual([]);
  });

  it("refuses a new project named like a team's existing GitLab group, writing nothing (F1 through New project)", async () => {
    startGitLab({
      namespaces: [{ fullPath: 'team-payments' }],
      projects: [{ pathWithNamespace: 'team-payments/fraud-model' }],
    });
    // A global developer, as every golden-path user is.
    const { done } = run('user:default/linus', {
      project: 'project:default/team-payments',
      repoUrl: 'gitlab.example.com?owner=team-payments&repo=fraud-model',
      members: [{ username: 'jdoe', accessLevel: 'maintainer' }],
    });
    await expect(done).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'GitLab group team-payments exists but was not created by Wombat for project:default/team-payments; choose another name, or ask a platform admin to adopt it (adopt: true)',
    });
    expect(writes(gitlab.requests)).toEqual([]);
  });

  it('refuses to start a new project for someone without the global developer role', async () => {
    startGitLab();
    const { done } = run('user:default/dana', {
      project: 'project:default/orders',
      repoUrl: 'gitlab.example.com?owner=orders&repo=orders',
    });
    await expect(done).rejects.toThrow(
      'user:default/dana may not start the new project project:default/orders: that needs the global developer role',
    );
    expect(gitlab.requests).toEqual([]);
  });

  it('says in a dry run of a new project what it would create', async () => {
    startGitLab();
    const { taskRun, done } = run(
      'user:default/linus',
      {
        project: 'project:default/orders',
        repoUrl: 'gitlab.example.com?owner=orders/backend&repo=api',
      },
      { isDryRun: true },
    );
    await done;
    expect(taskRun.logs.map(l => l.message)).toEqual([
      'Dry run: would create GitLab group orders for project:default/orders',
      'Dry run: would create GitLab group orders/backend for project:default/orders',
      'Dry run: would create GitLab project orders/backend/api for project:default/orders',
    ]);
    expect(writes(gitlab.requests)).toEqual([]);
  });

  it.each([
    ['a stamp of another project', RISK_ENGINE_STAMP],
    ['a stamp in other case', 'Wombat-Project.default.payments'],
    ['a stamp GitLab would split off at a comma', 'ml,wombat-project.x.y'],
    ['a stamp inside a longer topic', 'see wombat-project.default.risk-engine'],
  ])('refuses topics with %s before any request', async (_case, topic) => {
    startGitLab();
    const { done } = run('user:default/dana', {
      repoUrl: 'gitlab.example.com?owner=payments&repo=api',
      topics: ['ok', topic],
    });
    await expect(done).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^topics may not contain "/),
    });
    expect(gitlab.requests).toEqual([]);
  });

  it("tells nothing about an existing variable's value: every difference reads the same (F18)", async () => {
    startGitLab();
    const input = {
      repoUrl: 'gitlab.example.com?owner=payments&repo=api',
      variables: [
        { key: 'SONAR_TOKEN', value: 'Right-Secret-123', masked: true },
      ],
    };
    await run('user:default/dana', input).done;

    const attempt = async (variable: Record<string, unknown>) =>
      (
        await run('user:default/dana', { ...input, variables: [variable] })
          .done.then(() => undefined)
          .catch(e => e)
      )?.message;
    const guessedWrong = await attempt({
      key: 'SONAR_TOKEN',
      value: 'Wrong-Guess-456',
      masked: true,
    });
    const guessedRightOtherwiseDifferent = await attempt({
      key: 'SONAR_TOKEN',
      value: 'Right-Secret-123',
      masked: false,
    });
    expect(guessedWrong).toBe(
      'CI/CD variable SONAR_TOKEN (environment scope *) already exists on payments/api with other settings or another value; Wombat leaves it as it is',
    );
    expect(guessedRightOtherwiseDifferent).toBe(guessedWrong);
    expect(
      await attempt({
        key: 'SONAR_TOKEN',
        value: 'Right-Secret-123',
        masked: true,
      }),
    ).toBeUndefined();
  });
});
