import { claimProjectRobot, issueBoundRobot } from './boundRobots';
import { stampHarborProject } from './harborProjectStamp';
import { RobotTarget } from './robotBinding';
import { scopeOf, useHarbor } from './__testUtils__/harborTestSystems';

describe('robots bound to their project and target', () => {
  const systems = useHarbor();
  const api: RobotTarget = {
    kind: 'gitlab',
    host: 'gitlab.example.com',
    path: 'payments/api',
  };
  const request = (
    overrides: Partial<Parameters<typeof issueBoundRobot>[1]>,
  ) => ({
    scope: scopeOf('project:default/payments'),
    project: { id: systems.projectId, name: 'payments' },
    name: 'ci',
    permissions: ['push' as const],
    durationDays: -1,
    description: 'Pushes CI images',
    target: api,
    isDelivered: async () => false,
    ...overrides,
  });
  const robot = () =>
    systems.harbor.state.robots.find(r => r.name === 'robot$payments+ci')!;
  const writes = (from: number) =>
    systems.harbor.requests.slice(from).filter(r => r.method !== 'GET');

  it('creates a robot whose description binds it to the project and the target', async () => {
    const issued = await issueBoundRobot(systems.client, request({}));
    expect(issued).toEqual({
      delivered: false,
      id: robot().id,
      name: 'robot$payments+ci',
      secret: robot().secret,
      created: true,
    });
    expect(robot().description).toBe(
      'Pushes CI images [wombat: wombat-project.default.payments delivers to gitlab:gitlab.example.com/payments/api]',
    );
  });

  it('leaves a delivered robot alone and gives an undelivered one of the same target a fresh secret', async () => {
    await issueBoundRobot(systems.client, request({}));
    const secret = robot().secret;
    const before = systems.harbor.requests.length;
    await expect(
      issueBoundRobot(
        systems.client,
        request({ isDelivered: async r => r.name === 'robot$payments+ci' }),
      ),
    ).resolves.toEqual({
      delivered: true,
      id: robot().id,
      name: 'robot$payments+ci',
      created: false,
    });
    expect(writes(before)).toEqual([]);
    expect(robot().secret).toBe(secret);

    const fresh = await issueBoundRobot(systems.client, request({}));
    expect(fresh).toMatchObject({ delivered: false, created: false });
    expect(robot().secret).not.toBe(secret);
    expect(fresh.delivered === false && fresh.secret).toBe(robot().secret);
  });

  it('never rotates a robot for another target, nor one of another project', async () => {
    await issueBoundRobot(systems.client, request({}));
    const secret = robot().secret;
    const before = systems.harbor.requests.length;
    const elsewhere = await issueBoundRobot(
      systems.client,
      request({ target: { ...api, path: 'payments/loot' } }),
    ).catch(e => e);
    expect(elsewhere).toMatchObject({
      name: 'ConflictError',
      message:
        'Harbor robot robot$payments+ci delivers its credentials somewhere else, and Wombat never gives a robot a new secret for another target; choose another robot name',
    });
    await expect(
      issueBoundRobot(
        systems.client,
        request({ scope: scopeOf('project:default/risk-engine', true) }),
      ),
    ).rejects.toThrow(
      'Harbor robot robot$payments+ci belongs to another Wombat project than project:default/risk-engine; choose another name',
    );
    expect(writes(before)).toEqual([]);
    expect(robot().secret).toBe(secret);
  });

  it('adopts an undescribed robot only for an admin, who gives it the binding', async () => {
    await systems.client.createRobot({
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
    const secret = robot().secret;
    await expect(
      claimProjectRobot(systems.client, request({})),
    ).rejects.toThrow(
      'Harbor robot robot$payments+ci exists but was not created by Wombat for project:default/payments',
    );
    await expect(
      claimProjectRobot(systems.client, request({ adopt: true })),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(robot().secret).toBe(secret);

    const admin = scopeOf('project:default/payments', true);
    await issueBoundRobot(
      systems.client,
      request({ scope: admin, adopt: true, description: undefined }),
    );
    expect(robot().description).toBe(
      'made by hand [wombat: wombat-project.default.payments delivers to gitlab:gitlab.example.com/payments/api]',
    );
    expect(robot().secret).not.toBe(secret);
  });

  it('refuses the marker robot and other rights', async () => {
    await stampHarborProject(
      systems.client,
      { id: systems.projectId, name: 'payments' },
      'wombat-project.default.payments',
    );
    await expect(
      issueBoundRobot(systems.client, request({ name: 'wombat' })),
    ).rejects.toMatchObject({ name: 'InputError' });
    await issueBoundRobot(systems.client, request({}));
    await expect(
      issueBoundRobot(systems.client, request({ permissions: ['pull'] })),
    ).rejects.toThrow('already exists with repository permissions pull,push');
  });
});
