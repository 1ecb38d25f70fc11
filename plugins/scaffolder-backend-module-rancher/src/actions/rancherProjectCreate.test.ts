import { createTaskRun } from '@wombat/plugin-wombat-node-test-utils';
import {
  RANCHER_TOKEN,
  useFakeRancher,
  writes,
} from '../__testUtils__/fakeRancher';
import { createRancherProjectCreateAction } from './rancherProjectCreate';

describe('rancher:project:create', () => {
  const systems = useFakeRancher();
  const action = () =>
    createRancherProjectCreateAction({
      rancher: systems.rancherClients,
      catalog: systems.catalog,
    });
  const input = {
    cluster: 'cluster:default/dev-eu',
    name: 'payments',
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
  const projects = () =>
    systems.rancher.state.projects.filter(p => p.name === 'payments');

  it('creates the project with its quotas and role bindings', async () => {
    const run = createTaskRun({ input });
    await action().handler(run.ctx);

    const [project] = projects();
    expect(project).toMatchObject({
      clusterId: 'c-m-abc12',
      resourceQuota: {
        limit: { limitsCpu: '8', limitsMemory: '16Gi', pods: '50' },
      },
      namespaceDefaultResourceQuota: {
        limit: { limitsCpu: '2', limitsMemory: '4Gi', pods: '20' },
      },
    });
    const bindings = systems.rancher.state.projectRoleTemplateBindings
      .filter(b => b.projectId === project.id)
      .map(b => [b.roleTemplateId, b.userPrincipalId ?? b.groupPrincipalId]);
    expect(bindings).toEqual(
      expect.arrayContaining([
        ['project-owner', 'local://u-maria'],
        [
          'project-member',
          'openldap_group://cn=team-payments,ou=groups,dc=acme,dc=example',
        ],
      ]),
    );
    expect(run.outputs).toEqual({ projectId: project.id, created: true });
    expect(project.id).toMatch(/^c-m-abc12:p-/);
  });

  it('adopts the project on a second run and writes nothing', async () => {
    await action().handler(createTaskRun({ input }).ctx);
    const before = systems.rancher.requests.length;
    const second = createTaskRun({ input });
    await action().handler(second.ctx);
    expect(writes(systems.rancher.requests.slice(before))).toEqual([]);
    expect(second.outputs).toEqual({
      projectId: projects()[0].id,
      created: false,
    });
    expect(projects()).toHaveLength(1);
  });

  it('reports a project with other quotas as a conflict', async () => {
    await action().handler(createTaskRun({ input }).ctx);
    const run = createTaskRun({
      input: {
        ...input,
        resourceQuota: { ...input.resourceQuota, limitsCpu: '16' },
      },
    });
    await expect(action().handler(run.ctx)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(
        `Rancher project payments (${
          projects()[0].id
        }) already exists and differs: its resource quota is`,
      ),
    });
  });

  it('treats equal quantities written differently as the same quota', async () => {
    await action().handler(createTaskRun({ input }).ctx);
    const run = createTaskRun({
      input: {
        ...input,
        resourceQuota: {
          limitsCpu: '8000m',
          limitsMemory: '16384Mi',
          pods: '50',
        },
      },
    });
    await action().handler(run.ctx);
    expect(run.outputs.created).toBe(false);
  });

  it('makes no writes in a dry run', async () => {
    const run = createTaskRun({ input, isDryRun: true });
    await action().handler(run.ctx);
    expect(writes(systems.rancher.requests)).toEqual([]);
    expect(run.outputs).toEqual({ projectId: '', created: false });
  });

  it('creates nothing twice when retried after a failure half-way', async () => {
    systems.rancher.failNext(
      { method: 'POST', path: /projectroletemplatebindings/ },
      500,
    );
    const run = createTaskRun({ input });
    await expect(action().handler(run.ctx)).rejects.toThrow(/failed with 500/);
    const retried = run.retry();
    await action().handler(retried.ctx);

    expect(projects()).toHaveLength(1);
    expect(
      // Rancher also binds the project's creator as its owner.
      systems.rancher.state.projectRoleTemplateBindings.filter(
        b =>
          b.projectId === projects()[0].id &&
          b.name !== 'creator-project-owner',
      ),
    ).toHaveLength(2);
    expect(retried.outputs.created).toBe(true);
  });

  it('retries when Rancher is briefly unavailable', async () => {
    systems.rancher.failNext(
      { method: 'POST', path: /^\/v3\/projects$/ },
      503,
      2,
    );
    const run = createTaskRun({ input });
    await action().handler(run.ctx);
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
      'a cluster that is not managed by Rancher',
      { cluster: 'cluster:default/prod-eu' },
      'Cluster cluster:default/prod-eu is of type kubernetes, not managed by Rancher',
    ],
    [
      'a cluster that is not in the catalog',
      { cluster: 'cluster:default/nowhere' },
      'cluster cluster:default/nowhere is not in the catalog',
    ],
    [
      'both a cluster entity and a cluster id',
      { clusterId: 'c-m-abc12' },
      'not both',
    ],
  ])('rejects %s before any request', async (_case, change, message) => {
    const run = createTaskRun({ input: { ...input, ...change } });
    await expect(action().handler(run.ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(message),
    });
    expect(systems.rancher.requests).toEqual([]);
  });

  it('refuses to guess between projects of the same name', async () => {
    await action().handler(
      createTaskRun({ input: { ...input, members: [] } }).ctx,
    );
    await systems.rancherClients
      .forInstance()
      .createProject({ name: 'payments', clusterId: 'c-m-abc12' });
    const run = createTaskRun({ input });
    await expect(action().handler(run.ctx)).rejects.toThrow(
      /Cluster c-m-abc12 has 2 Rancher projects named payments/,
    );
  });

  it('keeps the API key out of logs and outputs', async () => {
    const run = createTaskRun({ input });
    await action().handler(run.ctx);
    expect(JSON.stringify([run.logs, run.outputs])).not.toContain(
      RANCHER_TOKEN.split(':')[1],
    );
  });
});
