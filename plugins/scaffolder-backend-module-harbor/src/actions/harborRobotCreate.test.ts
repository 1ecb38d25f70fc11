import { createTaskRun } from '@wombat/plugin-wombat-node-test-utils';
import {
  GITLAB_TOKEN,
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
    });
  const input = {
    project: 'payments',
    name: 'ci',
    permissions: ['pull' as const, 'push' as const],
    gitlabVariables: {
      projectId: 'platform/payments-api',
      usernameKey: 'HARBOR_USERNAME',
      passwordKey: 'HARBOR_PASSWORD',
    },
  };
  const robots = () =>
    systems.harbor.state.robots.filter(r => r.name === 'robot$payments+ci');
  const variables = () =>
    Object.fromEntries(
      systems.gitlab.state.projects
        .find(p => p.path_with_namespace === 'platform/payments-api')!
        .variables.map(v => [v.key, v]),
    );

  beforeEach(async () => {
    await createHarborProjectCreateAction({
      harbor: systems.harborClients,
    }).handler(createTaskRun({ input: { name: 'payments' } }).ctx);
  });

  it('creates the robot and puts its credentials only into GitLab', async () => {
    const run = createTaskRun({ input });
    await action().handler(run.ctx);

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
    expect(variables().HARBOR_USERNAME).toMatchObject({
      value: 'robot$payments+ci',
      masked: false,
      raw: true,
    });
    expect(variables().HARBOR_PASSWORD).toMatchObject({
      value: robot.secret,
      masked: true,
      raw: true,
    });
    expect(run.outputs).toEqual({
      registry: 'harbor.example.com',
      robotName: 'robot$payments+ci',
      created: true,
    });
    const everything = JSON.stringify([run.logs, run.outputs]);
    expect(everything).not.toContain(robot.secret);
    expect(everything).not.toContain(GITLAB_TOKEN);
  });

  it('adopts a delivered robot on a second run and writes nothing', async () => {
    await action().handler(createTaskRun({ input }).ctx);
    const harborBefore = systems.harbor.requests.length;
    const gitlabBefore = systems.gitlab.requests.length;

    const second = createTaskRun({ input });
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

  it("puts the registry's host, from the instance's url, into registryKey", async () => {
    const withRegistry = {
      ...input,
      gitlabVariables: {
        ...input.gitlabVariables,
        registryKey: 'HARBOR_REGISTRY',
      },
    };
    await action().handler(createTaskRun({ input: withRegistry }).ctx);
    expect(variables().HARBOR_REGISTRY).toMatchObject({
      value: 'harbor.example.com',
      masked: false,
    });

    // Once there, a second run leaves it alone; a stale value is replaced
    // without giving the adopted robot a new secret.
    const gitlabBefore = systems.gitlab.requests.length;
    await action().handler(createTaskRun({ input: withRegistry }).ctx);
    expect(writes(systems.gitlab.requests.slice(gitlabBefore))).toEqual([]);
    const secret = robots()[0].secret;
    variables().HARBOR_REGISTRY.value = 'old-registry.example.com';
    await action().handler(createTaskRun({ input: withRegistry }).ctx);
    expect(variables().HARBOR_REGISTRY.value).toBe('harbor.example.com');
    expect(robots()[0].secret).toBe(secret);
  });

  it('refuses a registryKey that is not a variable name or repeats another key', async () => {
    const key = (registryKey: string) =>
      createTaskRun({
        input: {
          ...input,
          gitlabVariables: { ...input.gitlabVariables, registryKey },
        },
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
    await action().handler(createTaskRun({ input }).ctx);
    const run = createTaskRun({
      input: { ...input, permissions: ['pull' as const] },
    });
    await expect(action().handler(run.ctx)).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'Harbor robot robot$payments+ci already exists with repository permissions pull,push; the template asks for pull',
    });
  });

  it('makes no writes in a dry run', async () => {
    const harborBefore = systems.harbor.requests.length;
    const run = createTaskRun({ input, isDryRun: true });
    await action().handler(run.ctx);
    expect(writes(systems.harbor.requests.slice(harborBefore))).toEqual([]);
    expect(writes(systems.gitlab.requests)).toEqual([]);
    expect(robots()).toEqual([]);
  });

  it('delivers a fresh secret when a retried task finds the robot without its credentials', async () => {
    systems.gitlab.failNext({ method: 'POST', path: /\/variables$/ }, 500);
    const run = createTaskRun({ input });
    await expect(action().handler(run.ctx)).rejects.toThrow(/failed with 500/);
    const [robot] = robots();
    const firstSecret = robot.secret;

    const retried = run.retry();
    await action().handler(retried.ctx);

    expect(robots()).toHaveLength(1);
    const robotCreations = systems.harbor.requests.filter(
      r => r.method === 'POST' && r.path === '/robots',
    );
    expect(robotCreations).toHaveLength(1);
    expect(robots()[0].secret).not.toBe(firstSecret);
    expect(variables().HARBOR_PASSWORD.value).toBe(robots()[0].secret);
    expect(variables().HARBOR_USERNAME.value).toBe('robot$payments+ci');
    expect(JSON.stringify(retried.logs)).not.toContain(robots()[0].secret);
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
  ])('rejects %s before any request', async (_case, change, message) => {
    const harborBefore = systems.harbor.requests.length;
    const run = createTaskRun({ input: { ...input, ...change } });
    await expect(action().handler(run.ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(message),
    });
    expect(systems.harbor.requests.slice(harborBefore)).toEqual([]);
    expect(systems.gitlab.requests).toEqual([]);
  });

  it.each([
    [
      'a Harbor project that does not exist',
      { project: 'nope' },
      'Harbor project nope does not exist on instance default; create it first with harbor:project:create',
    ],
    [
      'a GitLab project that does not exist',
      {
        gitlabVariables: {
          ...input.gitlabVariables,
          projectId: 'platform/nope',
        },
      },
      'gitlabVariables.projectId platform/nope: no such project on gitlab.example.com',
    ],
  ])('refuses %s without creating a robot', async (_case, change, message) => {
    const run = createTaskRun({ input: { ...input, ...change } });
    await expect(action().handler(run.ctx)).rejects.toThrow(message);
    expect(systems.harbor.state.robots).toEqual([]);
  });
});
