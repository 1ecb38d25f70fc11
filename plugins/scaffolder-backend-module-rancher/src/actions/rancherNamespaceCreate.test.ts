import { createTaskRun } from '@wombat/plugin-wombat-node-test-utils';
import { useFakeRancher, writes } from '../__testUtils__/fakeRancher';
import { createRancherNamespaceCreateAction } from './rancherNamespaceCreate';

describe('rancher:namespace:create', () => {
  const systems = useFakeRancher();
  const action = () =>
    createRancherNamespaceCreateAction({
      rancher: systems.rancherClients,
      harbor: systems.harborClients,
      catalog: systems.catalog,
    });
  let projectId: string;
  const input = () => ({
    cluster: 'cluster:default/dev-eu',
    project: 'payments',
    namespace: 'payments-dev',
    labels: { environment: 'dev' },
    resourceQuota: { 'limits.cpu': '2', 'limits.memory': '4Gi', pods: 20 },
    limitRange: {
      default: { cpu: '500m', memory: '512Mi' },
      defaultRequest: { cpu: '100m', memory: '128Mi' },
    },
    imagePullSecret: {
      harborProject: 'payments',
      robotName: 'payments-dev-pull',
    },
  });
  const kube = () => systems.rancher.state.kube['c-m-abc12'];
  const robots = () =>
    systems.harbor.state.robots.filter(
      r => r.name === 'robot$payments+payments-dev-pull',
    );

  beforeEach(async () => {
    projectId = (
      await systems.rancherClients
        .forInstance()
        .createProject({ name: 'payments', clusterId: 'c-m-abc12' })
    ).id;
    await systems.harborClients.forInstance().createProject({
      project_name: 'payments',
      metadata: { public: 'false' },
    });
  });

  it('creates the namespace in the project with its quota, limits and pull Secret', async () => {
    const run = createTaskRun({ input: input() });
    await action().handler(run.ctx);

    const namespace = kube().namespaces.find(
      n => n.metadata.name === 'payments-dev',
    )!;
    expect(namespace.metadata.annotations).toMatchObject({
      'field.cattle.io/projectId': projectId,
    });
    // Rancher's controller labels it with the project part of the id.
    expect(namespace.metadata.labels).toMatchObject({
      environment: 'dev',
      'field.cattle.io/projectId': projectId.split(':')[1],
    });
    expect(kube().resourceQuotas).toEqual([
      expect.objectContaining({
        metadata: expect.objectContaining({
          name: 'wombat-quota',
          namespace: 'payments-dev',
        }),
        spec: {
          hard: { 'limits.cpu': '2', 'limits.memory': '4Gi', pods: '20' },
        },
      }),
    ]);
    expect(kube().limitRanges[0].spec.limits).toEqual([
      expect.objectContaining({
        type: 'Container',
        default: { cpu: '500m', memory: '512Mi' },
        defaultRequest: { cpu: '100m', memory: '128Mi' },
      }),
    ]);

    const [robot] = robots();
    expect(robot.permissions[0].access.map(a => a.action)).toEqual(['pull']);
    const secret = kube().secrets.find(s => s.metadata.name === 'harbor-pull')!;
    expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
    const dockerConfig = JSON.parse(
      Buffer.from(secret.data!['.dockerconfigjson'], 'base64').toString(),
    );
    expect(dockerConfig.auths['harbor.example.com']).toEqual({
      username: robot.name,
      password: robot.secret,
      auth: Buffer.from(`${robot.name}:${robot.secret}`).toString('base64'),
    });
    expect(run.outputs).toEqual({
      namespace: 'payments-dev',
      projectId,
      created: true,
    });
    expect(JSON.stringify([run.logs, run.outputs])).not.toContain(robot.secret);
  });

  it('adopts everything on a second run and writes nothing', async () => {
    await action().handler(createTaskRun({ input: input() }).ctx);
    const rancherBefore = systems.rancher.requests.length;
    const harborBefore = systems.harbor.requests.length;
    const second = createTaskRun({ input: { ...input(), project: projectId } });
    await action().handler(second.ctx);
    expect(writes(systems.rancher.requests.slice(rancherBefore))).toEqual([]);
    expect(writes(systems.harbor.requests.slice(harborBefore))).toEqual([]);
    expect(second.outputs.created).toBe(false);
  });

  it('reports a namespace of another project as a conflict', async () => {
    const other = await systems.rancherClients
      .forInstance()
      .createProject({ name: 'web-shop', clusterId: 'c-m-abc12' });
    await action().handler(
      createTaskRun({
        input: { ...input(), project: 'web-shop', imagePullSecret: undefined },
      }).ctx,
    );
    const run = createTaskRun({ input: input() });
    await expect(action().handler(run.ctx)).rejects.toMatchObject({
      name: 'ConflictError',
      message: `Namespace payments-dev already exists in Rancher project ${other.id}; the template puts it in ${projectId}`,
    });
  });

  it('reports a different quota as a conflict', async () => {
    await action().handler(createTaskRun({ input: input() }).ctx);
    const run = createTaskRun({
      input: {
        ...input(),
        resourceQuota: { 'limits.cpu': '4', 'limits.memory': '4Gi', pods: 20 },
      },
    });
    await expect(action().handler(run.ctx)).rejects.toThrow(
      /ResourceQuota payments-dev\/wombat-quota already exists with/,
    );
  });

  it('makes no writes in a dry run', async () => {
    const rancherBefore = systems.rancher.requests.length;
    const harborBefore = systems.harbor.requests.length;
    await action().handler(
      createTaskRun({ input: input(), isDryRun: true }).ctx,
    );
    expect(writes(systems.rancher.requests.slice(rancherBefore))).toEqual([]);
    expect(writes(systems.harbor.requests.slice(harborBefore))).toEqual([]);
  });

  it('delivers the robot once when retried after the Secret could not be written', async () => {
    systems.rancher.failNext({ method: 'POST', path: /\/secrets$/ }, 500);
    const run = createTaskRun({ input: input() });
    await expect(action().handler(run.ctx)).rejects.toThrow(/failed with 500/);
    const firstSecret = robots()[0].secret;
    await action().handler(run.retry().ctx);

    expect(
      kube().namespaces.filter(n => n.metadata.name === 'payments-dev'),
    ).toHaveLength(1);
    expect(robots()).toHaveLength(1);
    const secret = kube().secrets.find(s => s.metadata.name === 'harbor-pull')!;
    const password = JSON.parse(
      Buffer.from(secret.data!['.dockerconfigjson'], 'base64').toString(),
    ).auths['harbor.example.com'].password;
    // The first secret was never stored anywhere, so the robot got a new one.
    expect(password).toBe(robots()[0].secret);
    expect(password).not.toBe(firstSecret);
  });

  it.each([
    [
      'a namespace name Kubernetes refuses',
      { namespace: 'Payments_Dev' },
      'namespace "Payments_Dev" must be a DNS-1123 label',
    ],
    [
      'a label value Kubernetes refuses',
      { labels: { environment: 'dev env' } },
      'labels.environment: "dev env" is not a valid label value',
    ],
    [
      'a quantity Kubernetes cannot read',
      { resourceQuota: { 'limits.cpu': 'two' } },
      'resourceQuota.limits.cpu "two" is not a Kubernetes quantity',
    ],
    [
      'a robot name Harbor refuses',
      { imagePullSecret: { harborProject: 'payments', robotName: 'Pull' } },
      'imagePullSecret.robotName "Pull" must be lowercase',
    ],
  ])('rejects %s before any request', async (_case, change, message) => {
    const rancherBefore = systems.rancher.requests.length;
    const run = createTaskRun({ input: { ...input(), ...change } });
    await expect(action().handler(run.ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(message),
    });
    expect(systems.rancher.requests.slice(rancherBefore)).toEqual([]);
  });

  it('refuses a project that does not exist', async () => {
    const run = createTaskRun({ input: { ...input(), project: 'nope' } });
    await expect(action().handler(run.ctx)).rejects.toThrow(
      'Cluster c-m-abc12 has no Rancher project nope; create it first with rancher:project:create',
    );
  });
});
