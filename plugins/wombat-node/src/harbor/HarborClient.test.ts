import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createFakeHarbor } from '@wombat/plugin-wombat-node-test-utils';
import { setupServer } from 'msw/node';
import { HarborClientFactory } from './HarborClientFactory';

const factory = HarborClientFactory.fromConfig(
  new ConfigReader({
    wombat: {
      harbor: {
        instances: [
          {
            name: 'default',
            url: 'https://harbor.example.com/',
            username: 'admin',
            password: 'Harbor12345',
          },
          {
            name: 'wrong-password',
            url: 'https://harbor.example.com',
            username: 'admin',
            password: 'nope',
          },
        ],
      },
    },
  }),
  { retry: { baseDelayMs: 1 } },
);

describe('HarborClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  let harbor: ReturnType<typeof createFakeHarbor>;
  const client = () => factory.forInstance();

  beforeEach(() => {
    harbor = createFakeHarbor();
    server.use(...harbor.handlers);
  });

  afterEach(() => {
    if (harbor.violations.length > 0) {
      throw new Error(
        `Harbor contract violations: ${harbor.violations.join('; ')}`,
      );
    }
  });

  it('creates a project and reads its id from the Location header', async () => {
    const id = await client().createProject({
      project_name: 'payments',
      metadata: { public: 'false' },
      storage_limit: 1024,
    });
    expect(id).toBe(
      harbor.state.projects.find(p => p.name === 'payments')!.project_id,
    );
    await expect(client().projectExists('payments')).resolves.toBe(true);
    await expect(client().projectExists('payment')).resolves.toBe(false);
    await expect(client().getProject('payments')).resolves.toMatchObject({
      project_id: id,
      metadata: { public: 'false' },
    });
    await expect(client().getProject('nope')).resolves.toBeUndefined();
  });

  it("reports Harbor's conflict as a ConflictError with Harbor's message", async () => {
    await client().createProject({ project_name: 'payments' });
    await expect(
      client().createProject({ project_name: 'payments' }),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'Harbor default POST /projects failed with 409: The project named payments already exists',
    });
  });

  it('reports bad credentials without repeating them', async () => {
    const error = await factory
      .forInstance('wrong-password')
      .projectExists('payments')
      .catch(e => e);
    expect(error.name).toBe('AuthenticationError');
    expect(error.message).not.toContain('nope');
    // Sending wrong credentials was the point here.
    expect(harbor.violations).toEqual([
      'HEAD /projects: missing or wrong Basic credentials',
    ]);
    harbor.violations.length = 0;
  });

  it('reads every page of a long list', async () => {
    const id = await client().createProject({ project_name: 'payments' });
    for (let i = 0; i < 105; i++) {
      await client().createRobot({
        name: `robot-${i}`,
        level: 'project',
        duration: -1,
        permissions: [
          {
            kind: 'project',
            namespace: 'payments',
            access: [{ resource: 'repository', action: 'pull' }],
          },
        ],
      });
    }
    const robots = await client().listProjectRobots(id);
    expect(robots).toHaveLength(105);
    expect(new Set(robots.map(r => r.name)).size).toBe(105);
  });

  it('refreshes a robot secret', async () => {
    await client().createProject({ project_name: 'payments' });
    const robot = await client().createRobot({
      name: 'ci',
      level: 'project',
      duration: -1,
      permissions: [
        {
          kind: 'project',
          namespace: 'payments',
          access: [{ resource: 'repository', action: 'pull' }],
        },
      ],
    });
    expect(robot.name).toBe('robot$payments+ci');
    const secret = await client().refreshRobotSecret(robot.id);
    expect(secret).not.toBe(robot.secret);
    expect(harbor.state.robots.find(r => r.id === robot.id)!.secret).toBe(
      secret,
    );
  });

  it('says which instances are configured when asked for another', () => {
    expect(() => factory.forInstance('eu')).toThrow(
      'No Harbor instance named eu in wombat.harbor.instances (configured: default, wrong-password)',
    );
  });
});
