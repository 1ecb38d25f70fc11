import { createTaskRun } from '@wombat/plugin-wombat-node-test-utils';
import { projectStamp } from '@wombat/plugin-wombat-common';
import { robotDescription } from '@wombat/plugin-wombat-node';
import {
  PAYMENTS,
  RISK_ENGINE,
  as,
  useFakeRancher,
  writes,
} from '../__testUtils__/fakeRancher';

describe('rancher:namespace:create', () => {
  const systems = useFakeRancher();
  const action = () => systems.namespaceAction;
  let projectId: string;
  const input = {
    project: PAYMENTS,
    cluster: 'cluster:default/dev-eu',
    namespace: 'payments-dev',
    labels: { team: 'payments' },
    resourceQuota: { 'limits.cpu': '2', 'limits.memory': '4Gi', pods: 20 },
    limitRange: {
      default: { cpu: '500m', memory: '512Mi' },
      defaultRequest: { cpu: '100m', memory: '128Mi' },
    },
    imagePullSecret: { robotName: 'payments-dev-pull' },
  };
  const run = (
    change: Record<string, unknown> = {},
    options: { user?: Parameters<typeof as>[0]; isDryRun?: boolean } = {},
  ) =>
    createTaskRun({
      input: { ...input, ...change },
      credentials: as(options.user ?? 'dana'),
      isDryRun: options.isDryRun,
    });
  const kube = () => systems.rancher.state.kube['c-m-abc12'];
  const namespaceNamed = (name: string) =>
    kube().namespaces.find(n => n.metadata.name === name);
  const robots = (name = 'payments-dev-pull') =>
    systems.harbor.state.robots.filter(
      r => r.name === `robot$payments+${name}`,
    );
  const passwordIn = (namespace: string, secret = 'harbor-pull') => {
    const found = kube().secrets.find(
      s => s.metadata.namespace === namespace && s.metadata.name === secret,
    );
    return found
      ? JSON.parse(
          Buffer.from(found.data!['.dockerconfigjson'], 'base64').toString(),
        ).auths['harbor.example.com'].password
      : undefined;
  };
  const noRequests = () => {
    expect(systems.rancher.requests).toEqual([]);
    expect(systems.harbor.requests).toEqual([]);
  };

  describe('with the project, its Rancher project and its Harbor project', () => {
    beforeEach(async () => {
      projectId = await systems.rancherProject('payments', PAYMENTS);
      await systems.harborProject('payments', PAYMENTS);
      systems.rancher.requests.length = 0;
      systems.harbor.requests.length = 0;
    });

    it('creates the namespace, stamped, in the Rancher project with its quota, limits and pull Secret', async () => {
      const task = run();
      await action().handler(task.ctx);

      const namespace = namespaceNamed('payments-dev')!;
      expect(namespace.metadata.annotations).toEqual({
        'field.cattle.io/projectId': projectId,
        'wombat.dev/project': PAYMENTS,
      });
      // Rancher's controller labels it with the project part of the id.
      expect(namespace.metadata.labels).toEqual({
        team: 'payments',
        'wombat.dev/project': 'payments',
        'wombat.dev/environment': 'dev',
        'field.cattle.io/projectId': projectId.split(':')[1],
        'kubernetes.io/metadata.name': 'payments-dev',
      });
      expect(kube().resourceQuotas).toEqual([
        expect.objectContaining({
          metadata: expect.objectContaining({
            name: 'wombat-quota',
            namespace: 'payments-dev',
            annotations: { 'wombat.dev/project': PAYMENTS },
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
      expect(robot.description).toBe(
        robotDescription(
          projectStamp(PAYMENTS),
          {
            kind: 'namespace',
            cluster: 'cluster:default/dev-eu',
            namespace: 'payments-dev',
            secret: 'harbor-pull',
          },
          'Pulls images into namespace payments-dev',
        ),
      );
      const secret = kube().secrets.find(
        s => s.metadata.name === 'harbor-pull',
      )!;
      expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
      const dockerConfig = JSON.parse(
        Buffer.from(secret.data!['.dockerconfigjson'], 'base64').toString(),
      );
      expect(dockerConfig.auths['harbor.example.com']).toEqual({
        username: robot.name,
        password: robot.secret,
        auth: Buffer.from(`${robot.name}:${robot.secret}`).toString('base64'),
      });
      expect(task.outputs).toEqual({
        namespace: 'payments-dev',
        projectId,
        created: true,
      });
      expect(JSON.stringify([task.logs, task.outputs])).not.toContain(
        robot.secret,
      );
    });

    it('uses everything on a second run and writes nothing', async () => {
      await action().handler(run().ctx);
      const rancherBefore = systems.rancher.requests.length;
      const harborBefore = systems.harbor.requests.length;
      const second = run({ rancherProject: projectId });
      await action().handler(second.ctx);
      expect(writes(systems.rancher.requests.slice(rancherBefore))).toEqual([]);
      expect(writes(systems.harbor.requests.slice(harborBefore))).toEqual([]);
      expect(second.outputs.created).toBe(false);
    });

    it('takes the environment from the project, for a cluster named either way', async () => {
      await action().handler(
        run({
          namespace: 'payments-staging',
          cluster: 'dev-eu',
          imagePullSecret: undefined,
        }).ctx,
      );
      expect(namespaceNamed('payments-staging')!.metadata.labels).toMatchObject(
        { 'wombat.dev/environment': 'staging' },
      );
      await expect(
        action().handler(
          run({ namespace: 'payments-staging', environment: 'dev' }).ctx,
        ),
      ).rejects.toThrow(
        'environment dev is not the environment of project:default/payments that uses namespace payments-staging on cluster:default/dev-eu; that is staging',
      );
    });

    it('reports a namespace of the project in another Rancher project as a conflict', async () => {
      const other = await systems.rancherProject('payments-legacy', PAYMENTS);
      await action().handler(
        run({ rancherProject: other, imagePullSecret: undefined }).ctx,
      );
      await expect(action().handler(run().ctx)).rejects.toMatchObject({
        name: 'ConflictError',
        message: `Namespace payments-dev already exists in another Rancher project; the template puts it in ${projectId}`,
      });
    });

    it('reports a different quota as a conflict', async () => {
      await action().handler(run().ctx);
      const task = run({
        resourceQuota: { 'limits.cpu': '4', 'limits.memory': '4Gi', pods: 20 },
      });
      await expect(action().handler(task.ctx)).rejects.toThrow(
        /ResourceQuota payments-dev\/wombat-quota already exists with/,
      );
    });

    it('makes no writes in a dry run', async () => {
      await action().handler(run({}, { isDryRun: true }).ctx);
      expect(writes(systems.rancher.requests)).toEqual([]);
      expect(writes(systems.harbor.requests)).toEqual([]);
    });

    it('delivers the robot once when retried after the Secret could not be written', async () => {
      systems.rancher.failNext({ method: 'POST', path: /\/secrets$/ }, 500);
      const task = run();
      await expect(action().handler(task.ctx)).rejects.toThrow(
        /failed with 500/,
      );
      const firstSecret = robots()[0].secret;
      await action().handler(task.retry().ctx);

      expect(
        kube().namespaces.filter(n => n.metadata.name === 'payments-dev'),
      ).toHaveLength(1);
      expect(robots()).toHaveLength(1);
      // The first secret was never stored anywhere, so the robot got a new one.
      expect(passwordIn('payments-dev')).toBe(robots()[0].secret);
      expect(passwordIn('payments-dev')).not.toBe(firstSecret);
    });

    it('refuses a Rancher project that does not exist', async () => {
      await expect(
        action().handler(run({ rancherProject: 'nope' }).ctx),
      ).rejects.toThrow(
        'Cluster c-m-abc12 has no Rancher project nope; create it first with rancher:project:create',
      );
    });

    describe('namespaces that exist already (F1, F4)', () => {
      const plantNamespace = async (annotations: Record<string, string>) =>
        systems.rancherClients
          .forInstance()
          .kubernetes('c-m-abc12')
          .createNamespace({
            apiVersion: 'v1',
            kind: 'Namespace',
            metadata: {
              name: 'payments-dev',
              annotations: {
                'field.cattle.io/projectId': projectId,
                ...annotations,
              },
            },
          });

      it.each([
        ['stamped for another project', { 'wombat.dev/project': RISK_ENGINE }],
        ['not stamped', {}],
      ])('refuses one %s and writes nothing', async (_case, annotations) => {
        await plantNamespace(annotations);
        const before = systems.rancher.requests.length;
        const error = await action()
          .handler(run().ctx)
          .catch(e => e);
        expect(error.name).toBe('ConflictError');
        expect(error.message).toMatch(/^Namespace payments-dev /);
        expect(error.message).not.toContain('risk-engine');
        expect(writes(systems.rancher.requests.slice(before))).toEqual([]);
        expect(writes(systems.harbor.requests)).toEqual([]);
      });

      it('lets an admin adopt an unstamped one, which stamps it', async () => {
        await plantNamespace({});
        await action().handler(
          run({ adopt: true, imagePullSecret: undefined }, { user: 'ada' }).ctx,
        );
        const namespace = namespaceNamed('payments-dev')!;
        expect(namespace.metadata.annotations).toMatchObject({
          'wombat.dev/project': PAYMENTS,
        });
        expect(namespace.metadata.labels).toMatchObject({
          'wombat.dev/project': 'payments',
          'wombat.dev/environment': 'dev',
        });
      });

      it('refuses adopt from anyone but an admin before any request', async () => {
        systems.rancher.requests.length = 0;
        await expect(
          action().handler(run({ adopt: true }).ctx),
        ).rejects.toMatchObject({
          name: 'NotAllowedError',
          message: 'Adopting an existing namespace is for platform admins only',
        });
        noRequests();
      });
    });

    describe('the pull robot (F5)', () => {
      it('never gives a new secret to a robot that delivers to another namespace', async () => {
        await action().handler(run().ctx);
        const robot = robots()[0];
        const secretBefore = robot.secret;
        const harborBefore = systems.harbor.requests.length;
        const rancherBefore = systems.rancher.requests.length;

        const task = run({ namespace: 'payments-staging' });
        await expect(action().handler(task.ctx)).rejects.toMatchObject({
          name: 'ConflictError',
          message:
            'Harbor robot robot$payments+payments-dev-pull delivers to another target than Secret payments-staging/harbor-pull on cluster:default/dev-eu, and a robot serves one target only; choose another robotName',
        });
        expect(robots()[0].secret).toBe(secretBefore);
        expect(writes(systems.harbor.requests.slice(harborBefore))).toEqual([]);
        expect(writes(systems.rancher.requests.slice(rancherBefore))).toEqual(
          [],
        );
        expect(namespaceNamed('payments-staging')).toBeUndefined();
        expect(passwordIn('payments-dev')).toBe(secretBefore);
      });

      it.each([
        [
          'a robot of another project',
          robotDescription(projectStamp(RISK_ENGINE), {
            kind: 'namespace',
            cluster: 'cluster:default/dev-eu',
            namespace: 'payments-dev',
            secret: 'harbor-pull',
          }),
        ],
        ['a robot Wombat did not describe', 'Pulls images into namespace x'],
      ])(
        'never gives a new secret to %s that has the name',
        async (_case, description) => {
          await systems.harborClients.forInstance().createRobot({
            name: 'payments-dev-pull',
            description,
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
          const secretBefore = robots()[0].secret;
          const harborBefore = systems.harbor.requests.length;
          const error = await action()
            .handler(run().ctx)
            .catch(e => e);
          expect(error).toMatchObject({
            name: 'ConflictError',
            message:
              'Harbor robot robot$payments+payments-dev-pull exists but was not created by Wombat for project:default/payments; choose another robotName',
          });
          expect(robots()[0].secret).toBe(secretBefore);
          expect(writes(systems.harbor.requests.slice(harborBefore))).toEqual(
            [],
          );
          expect(namespaceNamed('payments-dev')).toBeUndefined();
        },
      );
    });
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
      { imagePullSecret: { robotName: 'Pull' } },
      'imagePullSecret.robotName "Pull" must be lowercase',
    ],
    [
      "the Harbor project's stamp robot",
      { imagePullSecret: { robotName: 'wombat' } },
      'imagePullSecret.robotName "wombat" is the robot that marks a Harbor project',
    ],
    [
      "another project's Harbor project (F5)",
      {
        imagePullSecret: {
          harborProject: 'risk-engine',
          robotName: 'risk-engine-dev-pull',
        },
      },
      `imagePullSecret.harborProject "risk-engine" must be the project's own Harbor project payments, or be left out`,
    ],
    [
      'an environment that is not a label value',
      { environment: 'dev env' },
      'environment "dev env" is not a valid label value',
    ],
  ])('rejects %s before any request', async (_case, change, message) => {
    await expect(action().handler(run(change).ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(message),
    });
    noRequests();
  });

  it.each([
    'pod-security.kubernetes.io/enforce',
    'pod-security.kubernetes.io/warn',
    'field.cattle.io/projectId',
    'management.cattle.io/system-namespace',
    'cattle.io/creator',
    'wombat.dev/project',
    'wombat.dev/environment',
    'team.wombat.dev/x',
    'kubernetes.io/metadata.name',
    'node-role.kubernetes.io/control-plane',
    'k8s.io/x',
    'sub.k8s.io/x',
  ])('refuses the reserved label key %s before any request (F4)', async key => {
    await expect(
      action().handler(run({ labels: { [key]: 'privileged' } }).ctx),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(`labels: "${key}" is reserved`),
    });
    noRequests();
  });

  it('accepts label keys that only look like reserved ones', async () => {
    await systems.rancherProject('payments', PAYMENTS);
    await action().handler(
      run({
        labels: {
          'example.com/pod-security': 'x',
          'notcattle.io/x': 'y',
          'wombat.dev.example.com/x': 'z',
        },
        imagePullSecret: undefined,
      }).ctx,
    );
    expect(namespaceNamed('payments-dev')!.metadata.labels).toMatchObject({
      'example.com/pod-security': 'x',
    });
  });

  describe('who may run it', () => {
    it.each([
      ['a viewer of the project', 'victor' as const],
      ['a global developer outside the project', 'raj' as const],
    ])('refuses %s before any request', async (_case, user) => {
      await expect(
        action().handler(run({}, { user }).ctx),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      noRequests();
    });
  });

  describe('tenancy (F4, F5)', () => {
    it.each([
      ['kube-system', 'kube-system'],
      ['the namespace of another project', 'risk-engine-dev'],
      ['a namespace of the project on another cluster', 'payments-prod'],
    ])(
      "refuses %s, outside the project's environments on the cluster, before any Rancher request",
      async (_case, namespace) => {
        await expect(
          action().handler(run({ namespace }).ctx),
        ).rejects.toMatchObject({
          name: 'NotAllowedError',
          message: `Namespace ${namespace} on cluster:default/dev-eu is not the namespace of an environment of project:default/payments; its environments there use payments-dev (dev), payments-staging (staging)`,
        });
        noRequests();
      },
    );

    it("refuses Rancher's management cluster, even for a new project", async () => {
      const task = createTaskRun({
        input: {
          project: 'project:team-web/raj-priv',
          cluster: 'cluster:default/rancher-local',
          namespace: 'raj-priv',
        },
        credentials: as('raj'),
      });
      await expect(action().handler(task.ctx)).rejects.toMatchObject({
        name: 'NotAllowedError',
      });
      noRequests();
    });

    it('has no clusterId or instance input, and takes the Rancher project as rancherProject', () => {
      const schema = systems.namespaceAction.schema!.input as any;
      expect(schema.additionalProperties).toBe(false);
      expect(Object.keys(schema.properties)).toEqual(
        expect.not.arrayContaining(['clusterId', 'instance']),
      );
      expect(schema.properties.rancherProject).toBeDefined();
    });

    it("refuses Rancher's own projects by name before any request", async () => {
      await expect(
        action().handler(run({ rancherProject: 'System' }).ctx),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      noRequests();
    });

    it.each([
      ['named like the project but unstamped', 'payments', undefined],
      ['of another project', 'risk-engine', RISK_ENGINE],
      ['System, by id', 'System', undefined],
    ])(
      'refuses a Rancher project %s and writes nothing',
      async (_case, name, stamp) => {
        const id = await systems.rancherProject(name, stamp);
        const before = systems.rancher.requests.length;
        const error = await action()
          .handler(
            run({ rancherProject: name === 'payments' ? undefined : id }).ctx,
          )
          .catch(e => e);
        expect(['ConflictError', 'NotAllowedError']).toContain(error.name);
        expect(error.message).not.toContain(RISK_ENGINE);
        expect(writes(systems.rancher.requests.slice(before))).toEqual([]);
        expect(namespaceNamed('payments-dev')).toBeUndefined();
      },
    );

    it('starts a namespace of a new project, labelled with the environment given', async () => {
      await systems.rancherProject(
        'team-web.orders',
        'project:team-web/orders',
        'c-m-xyz89',
      );
      await systems.harborProject('team-web.orders', 'project:team-web/orders');
      const task = createTaskRun({
        input: {
          project: 'project:team-web/orders',
          cluster: 'cluster:default/dev-us',
          namespace: 'orders-dev',
          environment: 'dev',
          imagePullSecret: { robotName: 'orders-dev-pull' },
        },
        credentials: as('linus'),
      });
      await action().handler(task.ctx);
      const namespace = systems.rancher.state.kube['c-m-xyz89'].namespaces.find(
        n => n.metadata.name === 'orders-dev',
      )!;
      expect(namespace.metadata.labels).toMatchObject({
        'wombat.dev/project': 'team-web.orders',
        'wombat.dev/environment': 'dev',
      });
      expect(namespace.metadata.annotations).toMatchObject({
        'wombat.dev/project': 'project:team-web/orders',
      });
    });

    it.each([
      ['unstamped', undefined],
      ['stamped for another project', RISK_ENGINE],
    ])(
      'refuses the pull secret of a Harbor project named like a new project but %s (F5)',
      async (_case, stamp) => {
        await systems.rancherProject('orders', 'project:default/orders');
        await systems.harborProject('orders', stamp);
        const before = systems.harbor.requests.length;
        const rancherBefore = systems.rancher.requests.length;
        const task = createTaskRun({
          input: {
            project: 'project:default/orders',
            cluster: 'cluster:default/dev-eu',
            namespace: 'orders-dev',
            imagePullSecret: { robotName: 'orders-dev-pull' },
          },
          credentials: as('linus'),
        });
        const error = await action()
          .handler(task.ctx)
          .catch(e => e);
        expect(error).toMatchObject({
          name: 'ConflictError',
          message:
            'Harbor project orders on instance default is not stamped for project:default/orders; create it with harbor:project:create for this project first',
        });
        expect(writes(systems.harbor.requests.slice(before))).toEqual([]);
        expect(writes(systems.rancher.requests.slice(rancherBefore))).toEqual(
          [],
        );
        expect(
          systems.harbor.state.robots.filter(r =>
            r.name.includes('orders-dev'),
          ),
        ).toEqual([]);
      },
    );
  });
});
