import {
  PAYMENTS,
  PAYMENTS_STAMP,
  Person,
  useFakeSystems,
  writes,
} from '../__testUtils__/fakeSystems';
import { createHarborProjectCreateAction } from './harborProjectCreate';

describe('harbor:project:create', () => {
  const systems = useFakeSystems();
  const action = () =>
    createHarborProjectCreateAction({
      harbor: systems.harborClients,
      guard: systems.guard,
    });
  const input = {
    project: PAYMENTS,
    storageLimit: '10Gi',
    members: [
      { username: 'maria', role: 'projectAdmin' as const },
      { username: 'jdoe', role: 'developer' as const },
    ],
  };
  const run = (as: Person, changes: object = {}, isDryRun = false) =>
    systems.run(as, { ...input, ...changes }, { isDryRun });
  const harborProject = (name = 'payments') =>
    systems.harbor.state.projects.find(p => p.name === name);
  const marker = (name = 'payments') =>
    systems.harbor.state.robots.find(r => r.name === `robot$${name}+wombat`);
  const members = () =>
    harborProject()!
      .members.filter(m => m.entity_name !== 'admin')
      .map(m => [m.entity_name, m.role_id]);

  /** A Harbor project that was there before Wombat, or another project's. */
  async function existingHarborProject(stamp?: string) {
    const client = systems.harborClients.forInstance();
    const id = await client.createProject({ project_name: 'payments' });
    await client.addProjectMember('payments', {
      role_id: 1,
      member_user: { username: 'kim' },
    });
    if (stamp) {
      await client.createRobot({
        name: 'wombat',
        description: `Marks this Harbor project as a Wombat project's: ${stamp}.`,
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
    systems.harbor.requests.length = 0;
    return id;
  }

  it("creates the project's Harbor project, stamped, with its quota and members", async () => {
    const task = run('maria');
    await action().handler(task.ctx);

    expect(harborProject()).toMatchObject({
      metadata: { public: 'false' },
      storage_limit: 10 * 2 ** 30,
    });
    expect(members()).toEqual([
      ['maria', 1],
      ['jdoe', 2],
    ]);
    expect(marker()).toMatchObject({
      disable: true,
      description: expect.stringContaining(PAYMENTS_STAMP),
    });
    expect(task.outputs).toEqual({
      projectId: harborProject()!.project_id,
      projectName: 'payments',
      url: `https://harbor.example.com/harbor/projects/${
        harborProject()!.project_id
      }/repositories`,
      created: true,
    });
  });

  it('uses the project on a second run and writes nothing', async () => {
    await action().handler(run('maria').ctx);
    const before = systems.harbor.requests.length;
    const second = run('maria');
    await action().handler(second.ctx);
    expect(writes(systems.harbor.requests.slice(before))).toEqual([]);
    expect(second.outputs).toMatchObject({
      created: false,
      projectId: harborProject()!.project_id,
    });
  });

  it('names the Harbor project after the Wombat project, and refuses any other name', async () => {
    await action().handler(run('maria', { name: 'payments' }).ctx);
    expect(harborProject()).toBeDefined();

    const other = run('maria', { name: 'library' });
    await expect(action().handler(other.ctx)).rejects.toMatchObject({
      name: 'InputError',
      message:
        'name "library" is not the Harbor project of project:default/payments: that is payments (the input may be left out)',
    });
  });

  describe('tenancy', () => {
    it.each([
      ['a viewer of the project', 'victor', PAYMENTS],
      ['a global developer with no role in it', 'linus', PAYMENTS],
      ['an outsider', 'raj', PAYMENTS],
      ['someone who may not start projects', 'dana', 'project:default/orders'],
    ] as const)(
      'refuses %s before any request',
      async (_case, who, project) => {
        const task = run(who, { project });
        await expect(action().handler(task.ctx)).rejects.toMatchObject({
          name: 'NotAllowedError',
        });
        expect(systems.harbor.requests).toEqual([]);
      },
    );

    it('refuses adopt: true from anyone but an admin, before any request', async () => {
      await expect(
        action().handler(run('maria', { adopt: true }).ctx),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: 'adopt: true is for platform admins only',
      });
      expect(systems.harbor.requests).toEqual([]);
    });

    it('lets a global developer start a new project, whose Harbor project is stamped for it', async () => {
      const task = run('linus', { project: 'project:default/orders' });
      await action().handler(task.ctx);
      expect(marker('orders')?.description).toContain(
        'wombat-project.default.orders',
      );
      expect(task.outputs.created).toBe(true);
    });

    it('gives a project outside the default namespace its own Harbor project', async () => {
      await action().handler(
        run('ada', { project: 'project:evil/payments' }).ctx,
      );
      expect(harborProject('evil.payments')).toBeDefined();
      expect(harborProject('payments')).toBeUndefined();
    });

    // F1: "New project" with the name of a Harbor project that already
    // exists must not hand it, or a membership in it, to the requester.
    it.each([
      [
        "stamped for another Wombat project (a namespace's shadow)",
        'wombat-project.evil.payments',
        'Harbor project payments belongs to another Wombat project than project:default/payments; choose another name',
      ],
      [
        'that Wombat did not create',
        undefined,
        'Harbor project payments exists but was not created by Wombat for project:default/payments; choose another name, or ask a platform admin to adopt it (adopt: true)',
      ],
    ])(
      'refuses a Harbor project %s, writing nothing',
      async (_case, stamp, message) => {
        await existingHarborProject(stamp);
        const robotsBefore = JSON.stringify(systems.harbor.state.robots);

        const task = run('maria', {
          members: [{ username: 'jdoe', role: 'projectAdmin' as const }],
        });
        const error = await action()
          .handler(task.ctx)
          .catch(e => e);
        expect(error).toMatchObject({ name: 'ConflictError', message });
        expect(error.message).not.toContain('evil');
        expect(writes(systems.harbor.requests)).toEqual([]);
        expect(members()).toEqual([['kim', 1]]);
        expect(JSON.stringify(systems.harbor.state.robots)).toBe(robotsBefore);
        expect(JSON.stringify(task.logs)).not.toContain('using it');
      },
    );

    it("reports nothing about the settings of a Harbor project that is not the project's own", async () => {
      await existingHarborProject();
      const error = await action()
        .handler(run('maria', { public: true }).ctx)
        .catch(e => e);
      expect(error.message).not.toContain('private');
    });

    it('lets an admin adopt an unstamped Harbor project, which is then stamped', async () => {
      const id = await existingHarborProject();
      const task = run('ada', { adopt: true, members: [] });
      await action().handler(task.ctx);
      expect(marker()).toMatchObject({
        disable: true,
        description: expect.stringContaining(PAYMENTS_STAMP),
      });
      expect(task.outputs).toMatchObject({ projectId: id, created: false });

      // From now on it is the project's own, for its developers too.
      await action().handler(run('maria', { members: [] }).ctx);
    });

    it('lets no admin adopt a Harbor project stamped for another project', async () => {
      await existingHarborProject('wombat-project.default.risk-engine');
      await expect(
        action().handler(run('ada', { adopt: true }).ctx),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      expect(writes(systems.harbor.requests)).toEqual([]);
    });

    it('refuses in a dry run as the real run would, and writes nothing', async () => {
      await existingHarborProject();
      await expect(
        action().handler(run('maria', {}, true).ctx),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      await expect(
        action().handler(run('victor', {}, true).ctx),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      await action().handler(run('ada', { adopt: true }, true).ctx);
      expect(writes(systems.harbor.requests)).toEqual([]);
    });
  });

  it("leaves who is in the project's registry to its managers", async () => {
    await expect(action().handler(run('dana').ctx)).rejects.toThrow(
      'Giving people access in project:default/payments needs the manager role in it',
    );
    expect(harborProject()).toBeUndefined();
    // Without members, a developer may make sure the registry is there.
    await action().handler(run('dana', { members: [] }).ctx);
    expect(harborProject()).toBeDefined();
  });

  it('reports a project with another visibility as a conflict', async () => {
    await action().handler(run('maria').ctx);
    await expect(
      action().handler(run('maria', { public: true }).ctx),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'Harbor project payments already exists and is private; the template asks for it public',
    });
  });

  it('reports a member with another role as a conflict', async () => {
    await action().handler(run('maria').ctx);
    const task = run('maria', {
      members: [{ username: 'jdoe', role: 'maintainer' as const }],
    });
    await expect(action().handler(task.ctx)).rejects.toThrow(
      'User jdoe is already developer of Harbor project payments; the template asks for maintainer',
    );
  });

  it('makes no writes in a dry run', async () => {
    const task = run('maria', {}, true);
    await action().handler(task.ctx);
    expect(writes(systems.harbor.requests)).toEqual([]);
    expect(task.outputs).toMatchObject({ projectId: 0, created: false });
  });

  it('creates nothing twice when retried after a failure half-way', async () => {
    systems.harbor.failNext({ method: 'POST', path: /\/members$/ }, 500);
    const task = run('maria');
    await expect(action().handler(task.ctx)).rejects.toThrow(
      /Harbor default POST \/projects\/payments\/members failed with 500/,
    );
    const retried = task.retry();
    await action().handler(retried.ctx);

    const creations = systems.harbor.requests.filter(
      r => r.method === 'POST' && r.path === '/projects',
    );
    expect(creations).toHaveLength(1);
    expect(retried.outputs.created).toBe(true);
    expect(members()).toHaveLength(2);
  });

  it.each([
    ['creating the project and stamping it', 'POST', /^\/robots$/],
    ['creating the marker and disabling it', 'PUT', /^\/robots\/\d+$/],
  ])(
    'stamps, without a conflict with itself, a project it created when the task failed between %s',
    async (_case, method, path) => {
      systems.harbor.failNext({ method, path }, 500);
      const task = run('maria');
      await expect(action().handler(task.ctx)).rejects.toThrow(
        /failed with 500/,
      );
      expect(harborProject()).toBeDefined();

      const retried = task.retry();
      await action().handler(retried.ctx);
      expect(marker()).toMatchObject({
        disable: true,
        description: expect.stringContaining(PAYMENTS_STAMP),
      });
      expect(
        systems.harbor.state.robots.filter(r => r.name.endsWith('+wombat')),
      ).toHaveLength(1);
      expect(retried.outputs.created).toBe(true);
      expect(members()).toHaveLength(2);
    },
  );

  it('retries when Harbor is briefly unavailable', async () => {
    systems.harbor.failNext({ method: 'POST', path: /^\/projects$/ }, 503, 2);
    const task = run('maria');
    await action().handler(task.ctx);
    expect(task.outputs.created).toBe(true);
  });

  it.each([
    [
      'a project that is not a full reference',
      { project: 'payments' },
      'project',
    ],
    [
      'a project whose name Harbor refuses',
      { project: 'project:default/pay--ments' },
      'must be lowercase',
    ],
    [
      'a storage limit without a unit Harbor knows',
      { storageLimit: '10GB' },
      'storageLimit "10GB" is not a storage limit',
    ],
    [
      'a zero storage limit',
      { storageLimit: 0 },
      'storageLimit 0 is not a storage limit',
    ],
    [
      'a member that is both user and group',
      { members: [{ username: 'x', group: 'y', role: 'guest' as const }] },
      'members[0] must name either a username or a group',
    ],
    [
      'an instance that is not configured',
      { instance: 'eu' },
      'No Harbor instance named eu in wombat.harbor.instances (configured: default)',
    ],
  ])('rejects %s before any request', async (_case, change, message) => {
    const task = run('ada', change);
    await expect(action().handler(task.ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(message),
    });
    expect(systems.harbor.requests).toEqual([]);
  });

  it('keeps the password out of logs, outputs and errors', async () => {
    systems.harbor.failNext({ method: 'POST', path: /^\/projects$/ }, 500);
    const task = run('maria');
    const error = await action()
      .handler(task.ctx)
      .catch(e => e);
    const everything = JSON.stringify([task.logs, task.outputs, error.message]);
    expect(everything).not.toContain('Harbor12345');
    expect(everything).not.toContain(
      Buffer.from('admin:Harbor12345').toString('base64'),
    );
  });
});
