import { mockCredentials } from '@backstage/backend-test-utils';
import { createTaskRun } from '@wombat/plugin-wombat-node-test-utils';
import {
  PAYMENTS,
  RANCHER_TOKEN,
  RISK_ENGINE,
  as,
  useFakeRancher,
  writes,
} from '../__testUtils__/fakeRancher';

describe('rancher:project:create', () => {
  const systems = useFakeRancher();
  const action = () => systems.projectAction;
  const input = {
    project: PAYMENTS,
    cluster: 'cluster:default/dev-eu',
    resourceQuota: { limitsCpu: '8', limitsMemory: '16Gi', pods: '50' },
    namespaceDefaultQuota: { limitsCpu: '2', limitsMemory: '4Gi', pods: 20 },
    members: [
      { principal: 'local://u-maria', role: 'project-owner' as const },
      {
        principal:
          'openldap_group://cn=team-payments,ou=groups,dc=acme,dc=example',
        role: 'project-member' as const,
      },
    ],
  };
  const run = (
    change: Record<string, unknown> = {},
    options: { user?: Parameters<typeof as>[0]; isDryRun?: boolean } = {},
  ) =>
    createTaskRun({
      input: { ...input, ...change },
      credentials: as(options.user ?? 'maria'),
      isDryRun: options.isDryRun,
    });
  const projects = (name = 'payments') =>
    systems.rancher.state.projects.filter(p => p.name === name);
  const bindingsOf = (projectId: string) =>
    systems.rancher.state.projectRoleTemplateBindings.filter(
      // Rancher also binds the project's creator as its owner.
      b => b.projectId === projectId && b.name !== 'creator-project-owner',
    );

  it("creates the project's Rancher project, stamped, with its quotas and role bindings", async () => {
    const task = run();
    await action().handler(task.ctx);

    const [project] = projects();
    expect(project).toMatchObject({
      clusterId: 'c-m-abc12',
      annotations: expect.objectContaining({
        'wombat.dev/project': PAYMENTS,
      }),
      resourceQuota: {
        limit: { limitsCpu: '8', limitsMemory: '16Gi', pods: '50' },
      },
      namespaceDefaultResourceQuota: {
        limit: { limitsCpu: '2', limitsMemory: '4Gi', pods: '20' },
      },
    });
    expect(
      bindingsOf(project.id).map(b => [
        b.roleTemplateId,
        b.userPrincipalId ?? b.groupPrincipalId,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['project-owner', 'local://u-maria'],
        [
          'project-member',
          'openldap_group://cn=team-payments,ou=groups,dc=acme,dc=example',
        ],
      ]),
    );
    expect(task.outputs).toEqual({ projectId: project.id, created: true });
    expect(project.id).toMatch(/^c-m-abc12:p-/);
  });

  it("leaves who is in the project's Rancher project to its managers", async () => {
    await expect(
      action().handler(run({}, { user: 'dana' }).ctx),
    ).rejects.toThrow(
      'Giving people access in project:default/payments needs the manager role in it',
    );
    expect(projects()).toEqual([]);
  });

  it('accepts the name when it is the system name, and starts a new project on any Rancher cluster', async () => {
    await action().handler(run({ name: 'payments' }).ctx);
    expect(projects()).toHaveLength(1);

    const task = createTaskRun({
      input: { project: 'project:team-web/orders', cluster: 'dev-us' },
      credentials: as('linus'),
    });
    await action().handler(task.ctx);
    expect(projects('team-web.orders')).toEqual([
      expect.objectContaining({
        clusterId: 'c-m-xyz89',
        annotations: expect.objectContaining({
          'wombat.dev/project': 'project:team-web/orders',
        }),
      }),
    ]);
  });

  it('uses its own project on a second run and writes nothing', async () => {
    await action().handler(run().ctx);
    const before = systems.rancher.requests.length;
    const second = run();
    await action().handler(second.ctx);
    expect(writes(systems.rancher.requests.slice(before))).toEqual([]);
    expect(second.outputs).toEqual({
      projectId: projects()[0].id,
      created: false,
    });
    expect(projects()).toHaveLength(1);
  });

  it('reports its own project with other quotas as a conflict', async () => {
    await action().handler(run().ctx);
    const task = run({
      resourceQuota: { ...input.resourceQuota, limitsCpu: '16' },
    });
    await expect(action().handler(task.ctx)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(
        `Rancher project payments (${
          projects()[0].id
        }) already exists and differs: its resource quota is`,
      ),
    });
  });

  it('treats equal quantities written differently as the same quota', async () => {
    await action().handler(run().ctx);
    const task = run({
      resourceQuota: {
        limitsCpu: '8000m',
        limitsMemory: '16384Mi',
        pods: '50',
      },
    });
    await action().handler(task.ctx);
    expect(task.outputs.created).toBe(false);
  });

  it('makes no writes in a dry run', async () => {
    const task = run({}, { isDryRun: true });
    await action().handler(task.ctx);
    expect(writes(systems.rancher.requests)).toEqual([]);
    expect(task.outputs).toEqual({ projectId: '', created: false });
  });

  it('creates nothing twice when retried after a failure half-way', async () => {
    systems.rancher.failNext(
      { method: 'POST', path: /projectroletemplatebindings/ },
      500,
    );
    const task = run();
    await expect(action().handler(task.ctx)).rejects.toThrow(/failed with 500/);
    const retried = task.retry();
    await action().handler(retried.ctx);

    expect(projects()).toHaveLength(1);
    expect(bindingsOf(projects()[0].id)).toHaveLength(2);
    expect(retried.outputs.created).toBe(true);
  });

  it('retries when Rancher is briefly unavailable', async () => {
    systems.rancher.failNext(
      { method: 'POST', path: /^\/v3\/projects$/ },
      503,
      2,
    );
    await action().handler(run().ctx);
    expect(projects()).toHaveLength(1);
  });

  it.each([
    [
      'a quota without namespace defaults',
      { namespaceDefaultQuota: undefined },
      'resourceQuota and namespaceDefaultQuota go together',
    ],
    [
      'namespace defaults above the project limit',
      {
        namespaceDefaultQuota: {
          limitsCpu: '10',
          limitsMemory: '4Gi',
          pods: '20',
        },
      },
      "namespaceDefaultQuota.limitsCpu 10 exceeds the project's resourceQuota.limitsCpu 8",
    ],
    [
      'quotas over different resources',
      { namespaceDefaultQuota: { limitsCpu: '2', pods: '20' } },
      'resourceQuota limits limitsCpu, limitsMemory, pods but namespaceDefaultQuota limits limitsCpu, pods',
    ],
    [
      'a quantity Kubernetes cannot read',
      {
        resourceQuota: { limitsCpu: 'eight', limitsMemory: '16Gi', pods: '50' },
      },
      'resourceQuota.limitsCpu "eight" is not a Kubernetes quantity',
    ],
    [
      'a principal that is not a Rancher principal id',
      { members: [{ principal: 'maria', role: 'project-owner' as const }] },
      'members[0].principal "maria" is not a Rancher principal id',
    ],
    [
      'a name other than the system name',
      { name: 'payments-eu' },
      `name "payments-eu" must be the project's system name payments, or be left out`,
    ],
    [
      'a project reference that is not a full one',
      { project: 'payments' },
      'project "payments" is not a full Project reference',
    ],
    [
      'a cluster that is not managed by Rancher',
      { cluster: 'cluster:default/prod-eu' },
      'Cluster cluster:default/prod-eu is of type kubernetes, not managed by Rancher',
    ],
  ])('rejects %s before any request', async (_case, change, message) => {
    await expect(action().handler(run(change).ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(message),
    });
    expect(systems.rancher.requests).toEqual([]);
  });

  it('rejects a cluster that is not in the catalog', async () => {
    const task = createTaskRun({
      input: { project: 'project:default/orders', cluster: 'nowhere' },
      credentials: as('linus'),
    });
    await expect(action().handler(task.ctx)).rejects.toThrow(
      'cluster cluster:default/nowhere is not in the catalog',
    );
    expect(systems.rancher.requests).toEqual([]);
  });

  describe('who may run it', () => {
    it.each([
      [
        'a viewer of the project',
        'victor' as const,
        PAYMENTS,
        'user:default/victor may not add to project:default/payments: that needs the developer role in it, and they are viewer',
      ],
      [
        'a global developer outside the project',
        'raj' as const,
        PAYMENTS,
        'user:default/raj may not add to project:default/payments: that needs the developer role in it',
      ],
      [
        'a project developer without a global role, for a new project',
        'dana' as const,
        'project:default/orders',
        'user:default/dana may not start the new project project:default/orders: that needs the global developer role',
      ],
    ])(
      'refuses %s before any Rancher request',
      async (_case, user, project, message) => {
        const task = run({ project }, { user });
        await expect(action().handler(task.ctx)).rejects.toMatchObject({
          name: 'NotAllowedError',
          message,
        });
        expect(systems.rancher.requests).toEqual([]);
      },
    );

    it('refuses a task nobody Wombat can check started, in a dry run too', async () => {
      const task = createTaskRun({
        input,
        credentials: mockCredentials.none(),
        isDryRun: true,
      });
      await expect(action().handler(task.ctx)).rejects.toMatchObject({
        name: 'NotAllowedError',
      });
      expect(systems.rancher.requests).toEqual([]);
    });

    it('refuses adopt from anyone but an admin before any request', async () => {
      await expect(
        action().handler(run({ adopt: true }).ctx),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message:
          'Adopting an existing Rancher project is for platform admins only',
      });
      expect(systems.rancher.requests).toEqual([]);
    });
  });

  describe('tenancy (F4)', () => {
    it('has no clusterId or instance input: the cluster is only a Cluster entity', () => {
      const schema = action().schema!.input as any;
      expect(schema.additionalProperties).toBe(false);
      expect(Object.keys(schema.properties)).not.toContain('clusterId');
      expect(Object.keys(schema.properties)).not.toContain('instance');
      expect(schema.required).toEqual(
        expect.arrayContaining(['project', 'cluster']),
      );
    });

    it("refuses a Cluster entity for Rancher's management cluster (local), even for a new project", async () => {
      const task = createTaskRun({
        input: {
          project: 'project:team-web/raj-priv',
          cluster: 'cluster:default/rancher-local',
          members: [
            {
              principal: 'openldap_user://uid=raj,ou=people,dc=acme,dc=example',
              role: 'project-owner',
            },
          ],
        },
        credentials: as('raj'),
      });
      await expect(action().handler(task.ctx)).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining(
          "Cluster cluster:default/rancher-local is Rancher's management cluster (local)",
        ),
      });
      expect(systems.rancher.requests).toEqual([]);
    });

    it("refuses a cluster none of the project's environments runs on", async () => {
      await expect(
        action().handler(run({ cluster: 'cluster:default/dev-us' }).ctx),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message:
          'cluster cluster:default/dev-us is not a cluster of project:default/payments: its environments run on cluster:default/dev-eu, cluster:default/prod-eu',
      });
      expect(systems.rancher.requests).toEqual([]);
    });

    it.each([
      ['named System', { name: 'System' }, 'name "System"'],
      ['named default', { name: 'default' }, 'name "default"'],
      [
        'of a Wombat project called system',
        { project: 'project:default/system' },
        'name "system"',
      ],
    ])("refuses Rancher's own projects: %s", async (_case, change, message) => {
      const existing = await systems.rancherProject('System');
      const task = createTaskRun({
        input: { ...input, ...change },
        credentials: as('ada'),
      });
      await expect(action().handler(task.ctx)).rejects.toMatchObject({
        name: 'NotAllowedError',
        message: `${message} is one of Rancher's own projects (System, Default); Wombat never uses them`,
      });
      expect(writes(systems.rancher.requests).length).toBe(1);
      expect(bindingsOf(existing)).toEqual([]);
    });

    it.each([
      [
        'stamped for another project',
        RISK_ENGINE,
        'belongs to another Wombat project than project:default/payments',
      ],
      [
        'not stamped at all',
        undefined,
        'exists but was not created by Wombat for project:default/payments',
      ],
      [
        'stamped with something that is not a project reference',
        'risk-engine',
        'exists but was not created by Wombat',
      ],
    ])(
      'refuses a Rancher project named like the project but %s, and adds no role binding',
      async (_case, stamp, message) => {
        const existing = await systems.rancherProject('payments', stamp);
        const before = systems.rancher.requests.length;
        const task = run();
        const error = await action()
          .handler(task.ctx)
          .catch(e => e);
        expect(error).toMatchObject({
          name: 'ConflictError',
          message: expect.stringContaining(message),
        });
        expect(error.message).not.toContain('risk-engine');
        expect(writes(systems.rancher.requests.slice(before))).toEqual([]);
        expect(bindingsOf(existing)).toEqual([]);
        expect(projects()).toHaveLength(1);
      },
    );

    it('lets an admin adopt an unstamped project, which stamps it', async () => {
      const existing = await systems.rancherProject('payments');
      const task = run(
        {
          adopt: true,
          resourceQuota: undefined,
          namespaceDefaultQuota: undefined,
        },
        { user: 'ada' },
      );
      await action().handler(task.ctx);
      expect(projects()).toEqual([
        expect.objectContaining({
          id: existing,
          annotations: expect.objectContaining({
            'wombat.dev/project': PAYMENTS,
          }),
        }),
      ]);
      expect(bindingsOf(existing)).toHaveLength(2);
      expect(task.outputs).toEqual({ projectId: existing, created: false });
      expect(task.logs.map(l => l.message)).toContain(
        `Adopted Rancher project payments (${existing}) into ${PAYMENTS}`,
      );
    });

    it("never lets an admin adopt another project's Rancher project", async () => {
      await systems.rancherProject('payments', RISK_ENGINE);
      const before = systems.rancher.requests.length;
      await expect(
        action().handler(run({ adopt: true }, { user: 'ada' }).ctx),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      expect(writes(systems.rancher.requests.slice(before))).toEqual([]);
    });
  });

  it('refuses to guess between projects of the same name', async () => {
    await systems.rancherProject('payments', PAYMENTS);
    await systems.rancherProject('payments', PAYMENTS);
    await expect(action().handler(run().ctx)).rejects.toThrow(
      /Cluster c-m-abc12 has 2 Rancher projects named payments/,
    );
  });

  it('keeps the API key out of logs and outputs', async () => {
    const task = run();
    await action().handler(task.ctx);
    expect(JSON.stringify([task.logs, task.outputs])).not.toContain(
      RANCHER_TOKEN.split(':')[1],
    );
  });
});
