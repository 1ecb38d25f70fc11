import {
  GITLAB_TOKEN,
  PAYMENTS,
  Person,
  useFakeSystems,
  writes,
} from '../__testUtils__/fakeSystems';
import { createHarborProjectCreateAction } from './harborProjectCreate';
import { createHarborRobotCreateAction } from './harborRobotCreate';

describe('harbor:robot:create', () => {
  const systems = useFakeSystems();
  const action = () =>
    createHarborRobotCreateAction({
      harbor: systems.harborClients,
      gitlab: systems.gitlabClients,
      guard: systems.guard,
    });
  const input = {
    project: PAYMENTS,
    name: 'ci',
    permissions: ['pull' as const, 'push' as const],
    gitlabVariables: {
      projectId: 'payments/payments-api',
      usernameKey: 'HARBOR_USERNAME',
      passwordKey: 'HARBOR_PASSWORD',
    },
  };
  const run = (as: Person, changes: object = {}, isDryRun = false) =>
    systems.run(as, { ...input, ...changes }, { isDryRun });
  const deliveringTo = (projectId: string | number) => ({
    gitlabVariables: { ...input.gitlabVariables, projectId },
  });
  const robots = () =>
    systems.harbor.state.robots.filter(r => r.name === 'robot$payments+ci');
  const variables = (path = 'payments/payments-api') =>
    Object.fromEntries(
      systems.gitlabProject(path).variables.map(v => [v.key, v]),
    );
  const createHarborProject = (project: string) =>
    createHarborProjectCreateAction({
      harbor: systems.harborClients,
      guard: systems.guard,
    }).handler(systems.run('ada', { project }).ctx);

  beforeEach(async () => {
    await createHarborProject(PAYMENTS);
  });

  it('creates the robot, bound to the GitLab project, and puts its credentials only there', async () => {
    const task = run('dana', { description: 'Pushes CI images' });
    await action().handler(task.ctx);

    const [robot] = robots();
    expect(robot.permissions).toEqual([
      expect.objectContaining({
        kind: 'project',
        namespace: 'payments',
        access: [
          expect.objectContaining({ resource: 'repository', action: 'pull' }),
          expect.objectContaining({ resource: 'repository', action: 'push' }),
        ],
      }),
    ]);
    expect(robot.duration).toBe(-1);
    expect(robot.description).toBe(
      'Pushes CI images [wombat: wombat-project.default.payments delivers to gitlab:gitlab.example.com/payments/payments-api]',
    );
    expect(variables().HARBOR_USERNAME).toMatchObject({
      value: 'robot$payments+ci',
      masked: false,
      raw: true,
      protected: false,
    });
    expect(variables().HARBOR_PASSWORD).toMatchObject({
      value: robot.secret,
      masked: true,
      raw: true,
    });
    expect(task.outputs).toEqual({
      registry: 'harbor.example.com',
      robotName: 'robot$payments+ci',
      created: true,
    });
    const everything = JSON.stringify([task.logs, task.outputs]);
    expect(everything).not.toContain(robot.secret);
    expect(everything).not.toContain(GITLAB_TOKEN);
  });

  it('uses a delivered robot on a second run and writes nothing', async () => {
    await action().handler(run('dana').ctx);
    const harborBefore = systems.harbor.requests.length;
    const gitlabBefore = systems.gitlab.requests.length;

    const second = run('maria');
    await action().handler(second.ctx);

    expect(writes(systems.harbor.requests.slice(harborBefore))).toEqual([]);
    expect(writes(systems.gitlab.requests.slice(gitlabBefore))).toEqual([]);
    expect(second.outputs).toEqual({
      registry: 'harbor.example.com',
      robotName: 'robot$payments+ci',
      created: false,
    });
    expect(robots()).toHaveLength(1);
  });

  it('delivers to a GitLab project given by id, or in a subgroup of the project', async () => {
    const api = systems.gitlabProject('payments/payments-api');
    await action().handler(run('dana', deliveringTo(api.id)).ctx);
    expect(variables().HARBOR_USERNAME.value).toBe('robot$payments+ci');

    await action().handler(
      run('dana', {
        name: 'admin-ci',
        ...deliveringTo('payments/backoffice/payments-admin'),
      }).ctx,
    );
    expect(
      variables('payments/backoffice/payments-admin').HARBOR_USERNAME.value,
    ).toBe('robot$payments+admin-ci');
  });

  it('sets protected on the variables as asked, also on variables already delivered, keeping the secret', async () => {
    const protectedInput = {
      gitlabVariables: {
        ...input.gitlabVariables,
        registryKey: 'HARBOR_REGISTRY',
        protected: true,
      },
    };
    await action().handler(run('dana').ctx);
    const secret = robots()[0].secret;
    await action().handler(run('dana', protectedInput).ctx);
    expect(variables().HARBOR_USERNAME.protected).toBe(true);
    expect(variables().HARBOR_PASSWORD).toMatchObject({
      protected: true,
      value: secret,
    });
    expect(variables().HARBOR_REGISTRY.protected).toBe(true);
    expect(robots()[0].secret).toBe(secret);
  });

  it("puts the registry's host, from the instance's url, into registryKey", async () => {
    const withRegistry = {
      gitlabVariables: {
        ...input.gitlabVariables,
        registryKey: 'HARBOR_REGISTRY',
      },
    };
    await action().handler(run('dana', withRegistry).ctx);
    expect(variables().HARBOR_REGISTRY).toMatchObject({
      value: 'harbor.example.com',
      masked: false,
    });

    // Once there, a second run leaves it alone; a stale value is replaced
    // without giving the robot a new secret.
    const gitlabBefore = systems.gitlab.requests.length;
    await action().handler(run('dana', withRegistry).ctx);
    expect(writes(systems.gitlab.requests.slice(gitlabBefore))).toEqual([]);
    const secret = robots()[0].secret;
    variables().HARBOR_REGISTRY.value = 'old-registry.example.com';
    await action().handler(run('dana', withRegistry).ctx);
    expect(variables().HARBOR_REGISTRY.value).toBe('harbor.example.com');
    expect(robots()[0].secret).toBe(secret);
  });

  it('refuses a registryKey that is not a variable name or repeats another key', async () => {
    const key = (registryKey: string) =>
      run('dana', {
        gitlabVariables: { ...input.gitlabVariables, registryKey },
      }).ctx;
    await expect(action().handler(key('HARBOR-REGISTRY'))).rejects.toThrow(
      /gitlabVariables.registryKey "HARBOR-REGISTRY"/,
    );
    await expect(action().handler(key('HARBOR_USERNAME'))).rejects.toThrow(
      'gitlabVariables.usernameKey, passwordKey and registryKey must differ',
    );
    expect(robots()).toEqual([]);
  });

  it('reports a robot with other rights as a conflict', async () => {
    await action().handler(run('dana').ctx);
    await expect(
      action().handler(run('dana', { permissions: ['pull' as const] }).ctx),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'Harbor robot robot$payments+ci already exists with repository permissions pull,push; the template asks for pull',
    });
  });

  it('makes no writes in a dry run', async () => {
    const harborBefore = systems.harbor.requests.length;
    const task = run('dana', {}, true);
    await action().handler(task.ctx);
    expect(writes(systems.harbor.requests.slice(harborBefore))).toEqual([]);
    expect(writes(systems.gitlab.requests)).toEqual([]);
    expect(robots()).toEqual([]);
  });

  it('delivers a fresh secret when a retried task finds the robot without its credentials', async () => {
    systems.gitlab.failNext({ method: 'POST', path: /\/variables$/ }, 500);
    const task = run('dana');
    await expect(action().handler(task.ctx)).rejects.toThrow(/failed with 500/);
    const firstSecret = robots()[0].secret;

    const retried = task.retry();
    await action().handler(retried.ctx);

    expect(robots()).toHaveLength(1);
    const robotCreations = systems.harbor.requests.filter(
      r => r.method === 'POST' && r.path === '/robots',
    );
    // The marker robot, then this one.
    expect(robotCreations).toHaveLength(2);
    expect(robots()[0].secret).not.toBe(firstSecret);
    expect(variables().HARBOR_PASSWORD.value).toBe(robots()[0].secret);
    expect(variables().HARBOR_USERNAME.value).toBe('robot$payments+ci');
    expect(JSON.stringify(retried.logs)).not.toContain(robots()[0].secret);
  });

  describe('tenancy', () => {
    it.each([
      ['a viewer of the project', 'victor'],
      ['a global developer with no role in it', 'linus'],
      ['an outsider', 'raj'],
    ] as const)('refuses %s before any request', async (_case, who) => {
      const harborBefore = systems.harbor.requests.length;
      await expect(action().handler(run(who).ctx)).rejects.toMatchObject({
        name: 'NotAllowedError',
      });
      expect(systems.harbor.requests.slice(harborBefore)).toEqual([]);
      expect(systems.gitlab.requests).toEqual([]);
    });

    it('refuses adopt: true from anyone but an admin, before any request', async () => {
      const harborBefore = systems.harbor.requests.length;
      await expect(
        action().handler(run('maria', { adopt: true }).ctx),
      ).rejects.toThrow('adopt: true is for platform admins only');
      expect(systems.harbor.requests.slice(harborBefore)).toEqual([]);
    });

    // F5: a robot of another project's Harbor project.
    it("refuses another project's Harbor project before any request", async () => {
      await createHarborProject('project:default/risk-engine');
      const harborBefore = systems.harbor.requests.length;
      await expect(
        action().handler(run('dana', { harborProject: 'risk-engine' }).ctx),
      ).rejects.toMatchObject({
        name: 'InputError',
        message:
          'harborProject "risk-engine" is not the Harbor project of project:default/payments: that is payments (the input may be left out)',
      });
      expect(systems.harbor.requests.slice(harborBefore)).toEqual([]);
      expect(
        systems.harbor.state.robots.filter(r => !r.name.endsWith('+wombat')),
      ).toEqual([]);
    });

    it('refuses a Harbor project of that name that is not stamped for the project', async () => {
      const client = systems.harborClients.forInstance();
      await client.createProject({ project_name: 'orders' });
      const harborBefore = systems.harbor.requests.length;
      const error = await action()
        .handler(
          run('linus', {
            project: 'project:default/orders',
            ...deliveringTo('orders/api'),
          }).ctx,
        )
        .catch(e => e);
      expect(error).toMatchObject({
        name: 'ConflictError',
        message: expect.stringContaining(
          'Harbor project orders on instance default is not stamped for project:default/orders',
        ),
      });
      expect(writes(systems.harbor.requests.slice(harborBefore))).toEqual([]);
      expect(systems.harbor.state.robots).toHaveLength(1);
    });

    it('refuses the robot name that marks the Harbor project, before any request', async () => {
      const harborBefore = systems.harbor.requests.length;
      await expect(
        action().handler(run('ada', { name: 'wombat' }).ctx),
      ).rejects.toMatchObject({ name: 'InputError' });
      expect(systems.harbor.requests.slice(harborBefore)).toEqual([]);
    });

    // F5: the secret may go only to the project's own GitLab projects.
    it.each([
      ['a path outside the group', 'team-web/raj-tools', 0],
      ['the path of another project', 'risk-engine/fraud-model', 0],
      ['an id outside the group', 'team-web/raj-tools', 1],
      ['an id of no project', 999999, 1],
    ])('refuses delivery to %s', async (_case, target, gitlabReads) => {
      const projectId =
        typeof target === 'string' && gitlabReads > 0
          ? systems.gitlabProject(target).id
          : target;
      const harborBefore = systems.harbor.requests.length;
      const error = await action()
        .handler(run('dana', deliveringTo(projectId)).ctx)
        .catch(e => e);
      expect(error).toMatchObject({
        name: 'NotAllowedError',
        message: `gitlabVariables.projectId ${projectId} is not a GitLab project in the group of project:default/payments (payments or a subgroup); Wombat delivers robot credentials only to the project's own GitLab projects`,
      });
      expect(writes(systems.harbor.requests.slice(harborBefore))).toEqual([]);
      expect(systems.gitlab.requests.length).toBe(gitlabReads);
      expect(robots()).toEqual([]);
      expect(systems.gitlabProject('team-web/raj-tools').variables).toEqual([]);
    });

    it('refuses delivery to a GitLab project in the group that does not carry the stamp', async () => {
      const error = await action()
        .handler(run('dana', deliveringTo('payments/unstamped')).ctx)
        .catch(e => e);
      expect(error).toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining(
          'GitLab project payments/unstamped is not stamped for project:default/payments (its topics must include wombat-project.default.payments',
        ),
      });
      expect(writes(systems.gitlab.requests)).toEqual([]);
      expect(robots()).toEqual([]);
    });

    it('says when a GitLab project of the group does not exist', async () => {
      await expect(
        action().handler(run('dana', deliveringTo('payments/nope')).ctx),
      ).rejects.toMatchObject({
        name: 'InputError',
        message:
          'gitlabVariables.projectId payments/nope: no such project on gitlab.example.com',
      });
      expect(robots()).toEqual([]);
    });

    // F5: an existing robot delivering elsewhere is neither rotated nor
    // re-delivered.
    it('never gives a robot that delivers elsewhere a new secret, nor its credentials to another target', async () => {
      await action().handler(run('maria').ctx);
      const secret = robots()[0].secret;
      const harborBefore = systems.harbor.requests.length;

      const error = await action()
        .handler(
          run('dana', deliveringTo('payments/backoffice/payments-admin')).ctx,
        )
        .catch(e => e);
      expect(error).toMatchObject({
        name: 'ConflictError',
        message:
          'Harbor robot robot$payments+ci delivers its credentials somewhere else, and Wombat never gives a robot a new secret for another target; choose another robot name',
      });
      expect(error.message).not.toContain('payments-api');
      expect(writes(systems.harbor.requests.slice(harborBefore))).toEqual([]);
      expect(robots()[0].secret).toBe(secret);
      expect(variables().HARBOR_PASSWORD.value).toBe(secret);
      expect(
        variables('payments/backoffice/payments-admin').HARBOR_PASSWORD,
      ).toBeUndefined();
    });

    it('refuses a robot Wombat did not describe, and lets an admin adopt it', async () => {
      const client = systems.harborClients.forInstance();
      const { project_id: id } = (await client.getProject('payments'))!;
      await client.createRobot({
        name: 'ci',
        description: 'made by hand',
        level: 'project',
        duration: -1,
        permissions: [
          {
            kind: 'project',
            namespace: 'payments',
            access: [
              { resource: 'repository', action: 'pull' },
              { resource: 'repository', action: 'push' },
            ],
          },
        ],
      });
      const secret = robots()[0].secret;
      await expect(action().handler(run('maria').ctx)).rejects.toThrow(
        'Harbor robot robot$payments+ci exists but was not created by Wombat for project:default/payments',
      );
      expect(robots()[0].secret).toBe(secret);
      expect(variables().HARBOR_PASSWORD).toBeUndefined();

      await action().handler(run('ada', { adopt: true }).ctx);
      expect(robots()[0].description).toBe(
        'made by hand [wombat: wombat-project.default.payments delivers to gitlab:gitlab.example.com/payments/payments-api]',
      );
      expect(variables().HARBOR_PASSWORD.value).toBe(robots()[0].secret);
      expect((await client.listProjectRobots(id)).length).toBe(2);
    });
  });

  it.each([
    [
      'a robot name Harbor refuses',
      { name: 'CI' },
      'name "CI" must be lowercase',
    ],
    [
      'no place for the secret',
      { gitlabVariables: undefined },
      'gitlabVariables is required',
    ],
    [
      'a variable key GitLab refuses',
      {
        gitlabVariables: {
          ...input.gitlabVariables,
          passwordKey: 'HARBOR-PASSWORD',
        },
      },
      'gitlabVariables.passwordKey "HARBOR-PASSWORD" can contain only letters',
    ],
    [
      'a duration of zero days',
      { durationDays: 0 },
      'durationDays 0 must be a positive number of days',
    ],
    [
      'a GitLab host that is not configured',
      {
        gitlabVariables: { ...input.gitlabVariables, host: 'gitlab.other.com' },
      },
      'No GitLab integration for host gitlab.other.com',
    ],
    [
      'a project that is not a full reference',
      { project: 'payments' },
      'project',
    ],
  ])('rejects %s before any request', async (_case, change, message) => {
    const harborBefore = systems.harbor.requests.length;
    const task = run('dana', change);
    await expect(action().handler(task.ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(message),
    });
    expect(systems.harbor.requests.slice(harborBefore)).toEqual([]);
    expect(systems.gitlab.requests).toEqual([]);
  });
});
