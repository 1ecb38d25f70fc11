import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
} from '@backstage/errors';
import {
  ApiException,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  RbacAuthorizationV1Api,
  setHeaderOptions,
  type V1RoleBinding,
} from '@kubernetes/client-node';
import { RancherClient } from '@wombat/plugin-wombat-node';
import { SANDBOX_CREDENTIALS } from '../credentials';
import { startSandbox, type Sandbox } from '../startSandbox';

const TOKEN = SANDBOX_CREDENTIALS.rancher.token;
const CLUSTER_ID = 'c-m-abc12';
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const TEAM_PAYMENTS =
  'openldap_group://cn=team-payments,ou=groups,dc=acme,dc=example';
const KIM = 'openldap_user://uid=kim,ou=people,dc=acme,dc=example';
const PROJECT_ID_KEY = 'field.cattle.io/projectId';
const RTB_OWNER_LABEL = 'authz.cluster.cattle.io/rtb-owner-updated';
const RFC3339_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const UID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An answer read over the wire, without any client library. */
async function send(
  url: string,
  init: { method?: string; body?: unknown; authorization?: string | null } = {},
) {
  const authorization =
    init.authorization === undefined ? `Bearer ${TOKEN}` : init.authorization;
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      accept: 'application/json',
      ...(authorization === null ? {} : { authorization }),
      ...(init.body === undefined
        ? {}
        : { 'content-type': 'application/json' }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text ? JSON.parse(text) : undefined,
  };
}

/** The code and the parsed `Status` of a refused client-node call. */
async function kubeRefusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (error instanceof ApiException) {
      const body = error.body as string | undefined;
      return { code: error.code, status: body ? JSON.parse(body) : undefined };
    }
    throw error;
  }
  throw new Error('The call succeeded');
}

/** The error a call threw, for the Wombat clients. */
async function thrown(call: Promise<unknown>): Promise<Error> {
  try {
    await call;
  } catch (error) {
    return error as Error;
  }
  throw new Error('The call succeeded');
}

/**
 * Contract tests of the Rancher simulator over real HTTP: requests Rancher
 * (and the downstream API server behind its `/k8s/clusters/<id>` proxy)
 * accepts are accepted with the real answers' shapes, the ones it refuses
 * are refused the same way. The v3 API is driven with plain fetch and with
 * Wombat's RancherClient; Kubernetes with @kubernetes/client-node 1.4.0,
 * the client Wombat uses, and with Wombat's RancherKubernetes.
 */
describe('Rancher simulator contract', () => {
  let sandbox: Sandbox;
  let core: CoreV1Api;
  let rbac: RbacAuthorizationV1Api;

  const v3 = (path: string, init?: Parameters<typeof send>[1]) =>
    send(`${sandbox.urls.rancher}${path}`, init);
  const k8s = (path: string, init?: Parameters<typeof send>[1]) =>
    send(`${sandbox.urls.rancher}/k8s/clusters/${CLUSTER_ID}${path}`, init);
  const kubeConfig = (token: string) => {
    const config = new KubeConfig();
    config.loadFromClusterAndUser(
      {
        name: 'sandbox',
        server: `${sandbox.urls.rancher}/k8s/clusters/${CLUSTER_ID}`,
        skipTLSVerify: true,
      },
      { name: 'wombat', token },
    );
    return config;
  };
  const rancherClient = (token: string = TOKEN) =>
    new RancherClient(
      { name: 'sandbox', url: sandbox.urls.rancher, token },
      { retries: 0 },
    );
  const violations = () => sandbox.state().violations.rancher;
  /** The seeded project of that name on dev-eu. */
  const seededProject = async (name: string) => {
    const { json } = await v3(
      `/v3/projects?clusterId=${CLUSTER_ID}&name=${name}`,
    );
    expect(json.data).toHaveLength(1);
    return json.data[0];
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ proxmox: { taskMs: 20, agentReadyMs: 40 } });
    const config = kubeConfig(TOKEN);
    core = config.makeApiClient(CoreV1Api);
    rbac = config.makeApiClient(RbacAuthorizationV1Api);
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => sandbox.reset());

  describe('authentication', () => {
    it('answers 401 in norman shape without a token or with a wrong one, on v3 and on the cluster proxy', async () => {
      const unauthenticated = [null, 'Bearer token-sandbox:wrong', 'Bearer'];
      for (const authorization of unauthenticated) {
        for (const path of [
          '/v3/projects',
          `/k8s/clusters/${CLUSTER_ID}/api/v1/namespaces`,
        ]) {
          const answer = await v3(path, { authorization });
          expect(answer.status).toBe(401);
          expect(answer.json).toEqual({
            type: 'error',
            status: '401',
            message: 'must authenticate',
          });
        }
      }
      const basic = Buffer.from(TOKEN).toString('base64');
      expect(
        (await v3('/v3/projects', { authorization: `Basic ${basic}` })).status,
      ).toBe(200);
    });

    it('refuses a wrong token to client-node and to the Wombat clients', async () => {
      const wrong = kubeConfig('token-sandbox:wrong').makeApiClient(CoreV1Api);
      expect((await kubeRefusal(wrong.listNamespace())).code).toBe(401);
      const client = rancherClient('token-sandbox:wrong');
      expect(await thrown(client.listProjects(CLUSTER_ID))).toBeInstanceOf(
        AuthenticationError,
      );
      expect(
        await thrown(client.kubernetes(CLUSTER_ID).readNamespace('default')),
      ).toBeInstanceOf(AuthenticationError);
    });
  });

  describe('v3 projects', () => {
    it('lists projects as a norman collection, filtered by field', async () => {
      const { status, json } = await v3(`/v3/projects?clusterId=${CLUSTER_ID}`);
      expect(status).toBe(200);
      expect(json).toMatchObject({
        type: 'collection',
        resourceType: 'project',
        pagination: { limit: 100, total: 3 },
      });
      expect(json.data.map((p: any) => p.name).sort()).toEqual([
        'payments',
        'risk-engine',
        'web-shop',
      ]);
      for (const project of json.data) {
        expect(project).toMatchObject({
          id: expect.stringMatching(/^c-m-abc12:p-[a-z0-9]{5}$/),
          type: 'project',
          baseType: 'project',
          clusterId: CLUSTER_ID,
          state: 'active',
          links: { self: `${sandbox.urls.rancher}/v3/projects/${project.id}` },
        });
      }
      const payments = await v3(
        `/v3/projects?clusterId=${CLUSTER_ID}&name=payments`,
      );
      expect(payments.json.data.map((p: any) => p.name)).toEqual(['payments']);
      const otherCluster = await v3('/v3/projects?clusterId=c-m-ghost');
      expect(otherCluster.json).toMatchObject({ type: 'collection', data: [] });
    });

    it('reads a project by its id, raw or percent-encoded, and answers 404 NotFound for an unknown one', async () => {
      const payments = await seededProject('payments');
      for (const id of [payments.id, encodeURIComponent(payments.id)]) {
        const read = await v3(`/v3/projects/${id}`);
        expect(read.status).toBe(200);
        expect(read.json).toEqual(payments);
      }
      const missing = await v3(`/v3/projects/${CLUSTER_ID}:p-ghost`);
      expect(missing).toMatchObject({
        status: 404,
        json: { type: 'error', status: 404, code: 'NotFound' },
      });
    });

    it('creates a project with the fields Rancher adds, and the creator as its owner', async () => {
      const created = await v3('/v3/projects', {
        method: 'POST',
        body: {
          name: 'checkout',
          clusterId: CLUSTER_ID,
          description: 'Checkout',
          resourceQuota: { limit: { limitsCpu: '4000m' } },
          namespaceDefaultResourceQuota: { limit: { limitsCpu: '1000m' } },
        },
      });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({
        id: expect.stringMatching(/^c-m-abc12:p-[a-z0-9]{5}$/),
        type: 'project',
        name: 'checkout',
        clusterId: CLUSTER_ID,
        resourceQuota: { limit: { limitsCpu: '4000m' } },
        namespaceDefaultResourceQuota: { limit: { limitsCpu: '1000m' } },
        creatorId: expect.any(String),
        state: 'active',
        created: expect.stringMatching(RFC3339_SECONDS),
        uuid: expect.stringMatching(UID),
      });
      expect((await v3(`/v3/projects/${created.json.id}`)).json.name).toBe(
        'checkout',
      );
      const bindings = await v3(
        `/v3/projectroletemplatebindings?projectId=${created.json.id}`,
      );
      expect(bindings.json.data).toEqual([
        expect.objectContaining({
          name: 'creator-project-owner',
          roleTemplateId: 'project-owner',
          userId: created.json.creatorId,
        }),
      ]);
      expect(violations()).toEqual([]);
    });

    it('refuses a missing name with 422 MissingRequired and an unknown cluster as an invalid reference', async () => {
      const missingName = await v3('/v3/projects', {
        method: 'POST',
        body: { clusterId: CLUSTER_ID },
      });
      expect(missingName).toMatchObject({
        status: 422,
        json: {
          baseType: 'error',
          type: 'error',
          status: 422,
          code: 'MissingRequired',
          fieldName: 'name',
        },
      });
      const unknownCluster = await v3('/v3/projects', {
        method: 'POST',
        body: { name: 'checkout', clusterId: 'c-m-ghost' },
      });
      expect(unknownCluster).toMatchObject({
        status: 422,
        json: {
          type: 'error',
          status: 422,
          code: 'InvalidFormat',
          fieldName: 'clusterId',
          message:
            'InvalidReference 422: Not found type: cluster id: c-m-ghost',
        },
      });
      expect((await v3('/v3/projects')).json.data).toHaveLength(3);
      expect(violations()).toHaveLength(2);
    });

    it('serves RancherClient: look up by name, create, and a refusal as InputError', async () => {
      const client = rancherClient();
      const [payments] = await client.listProjects(CLUSTER_ID, 'payments');
      expect(payments).toMatchObject({
        name: 'payments',
        clusterId: CLUSTER_ID,
      });
      expect(await client.listProjects(CLUSTER_ID, 'checkout')).toEqual([]);
      const created = await client.createProject({
        name: 'checkout',
        clusterId: CLUSTER_ID,
      });
      expect(created.id).toMatch(/^c-m-abc12:p-/);
      expect(await client.listProjects(CLUSTER_ID, 'checkout')).toEqual([
        expect.objectContaining({ id: created.id }),
      ]);
      const refused = await thrown(
        client.createProject({ name: 'x', clusterId: 'c-m-ghost' }),
      );
      expect(refused).toBeInstanceOf(InputError);
      expect(refused.message).toContain('422: InvalidFormat');
    });
    it('updates a project with PUT as a merge: other fields and annotations stay, null removes a key', async () => {
      const payments = await seededProject('payments');
      const before = payments.annotations;
      const { status, json } = await v3(
        `/v3/projects/${encodeURIComponent(payments.id)}`,
        {
          method: 'PUT',
          body: {
            annotations: { 'example.com/team': 'payments' },
          },
        },
      );
      expect(status).toBe(200);
      expect(json).toMatchObject({
        id: payments.id,
        name: 'payments',
        description: payments.description,
        annotations: {
          ...before,
          'example.com/team': 'payments',
        },
      });
      const updated = await rancherClient().updateProject(payments.id, {
        annotations: { 'example.com/team': null as unknown as string },
      });
      expect(updated.annotations).toEqual(before);
      expect(
        (
          await v3('/v3/projects/c-m-abc12:p-ghost', {
            method: 'PUT',
            body: {},
          })
        ).status,
      ).toBe(404);
      expect(violations()).toEqual([]);
    });
  });

  describe('v3 project role template bindings', () => {
    it("lists a project's bindings as a norman collection", async () => {
      const payments = await seededProject('payments');
      const { status, json } = await v3(
        `/v3/projectroletemplatebindings?projectId=${payments.id}`,
      );
      expect(status).toBe(200);
      expect(json).toMatchObject({
        type: 'collection',
        resourceType: 'projectRoleTemplateBinding',
      });
      const projectPart = payments.id.split(':')[1];
      for (const binding of json.data) {
        expect(binding).toMatchObject({
          id: expect.stringMatching(new RegExp(`^${projectPart}:`)),
          type: 'projectRoleTemplateBinding',
          projectId: payments.id,
        });
      }
      expect(json.data).toContainEqual(
        expect.objectContaining({
          roleTemplateId: 'project-owner',
          groupPrincipalId: TEAM_PAYMENTS,
        }),
      );
      expect(json.data).toContainEqual(
        expect.objectContaining({
          roleTemplateId: 'project-member',
          userPrincipalId: KIM,
          userId: expect.stringMatching(/^u-/),
        }),
      );
    });

    it('creates a binding, filling in the user of a principal, and reads it back', async () => {
      const riskEngine = await seededProject('risk-engine');
      const created = await v3('/v3/projectroletemplatebindings', {
        method: 'POST',
        body: {
          projectId: riskEngine.id,
          roleTemplateId: 'read-only',
          userPrincipalId:
            'openldap_user://uid=jdoe,ou=people,dc=acme,dc=example',
        },
      });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({
        id: expect.stringMatching(/^p-[a-z0-9]{5}:prtb-[a-z0-9]{5}$/),
        type: 'projectRoleTemplateBinding',
        projectId: riskEngine.id,
        roleTemplateId: 'read-only',
        userId: expect.stringMatching(/^u-/),
      });
      const read = await v3(
        `/v3/projectroletemplatebindings/${encodeURIComponent(
          created.json.id,
        )}`,
      );
      expect(read.json).toEqual(created.json);
      expect(violations()).toEqual([]);
    });

    it('refuses missing fields, unknown references and a binding to both a user and a group with 422', async () => {
      const payments = await seededProject('payments');
      const create = (body: Record<string, unknown>) =>
        v3('/v3/projectroletemplatebindings', { method: 'POST', body });
      expect(
        (
          await create({
            projectId: payments.id,
            groupPrincipalId: TEAM_PAYMENTS,
          })
        ).json,
      ).toMatchObject({
        status: 422,
        code: 'MissingRequired',
        fieldName: 'roleTemplateId',
      });
      expect(
        (
          await create({
            projectId: payments.id,
            roleTemplateId: 'project-admin',
            groupPrincipalId: TEAM_PAYMENTS,
          })
        ).json,
      ).toMatchObject({
        status: 422,
        code: 'InvalidFormat',
        fieldName: 'roleTemplateId',
        message:
          'InvalidReference 422: Not found type: roleTemplate id: project-admin',
      });
      expect(
        (
          await create({
            projectId: `${CLUSTER_ID}:p-ghost`,
            roleTemplateId: 'read-only',
            groupPrincipalId: TEAM_PAYMENTS,
          })
        ).json,
      ).toMatchObject({ status: 422, fieldName: 'projectId' });
      const both = await create({
        projectId: payments.id,
        roleTemplateId: 'read-only',
        userPrincipalId: KIM,
        groupPrincipalId: TEAM_PAYMENTS,
      });
      expect(both).toMatchObject({
        status: 422,
        json: { type: 'error', code: 'InvalidFormat' },
      });
      expect(violations()).toHaveLength(4);
    });

    it('serves RancherClient: list and create bindings', async () => {
      const client = rancherClient();
      const [webShop] = await client.listProjects(CLUSTER_ID, 'web-shop');
      const before = await client.listProjectRoleTemplateBindings(webShop.id!);
      const created = await client.createProjectRoleTemplateBinding({
        projectId: webShop.id,
        roleTemplateId: 'project-member',
        groupPrincipalId: TEAM_PAYMENTS,
      });
      expect(created).toMatchObject({
        projectId: webShop.id,
        groupPrincipalId: TEAM_PAYMENTS,
      });
      const after = await client.listProjectRoleTemplateBindings(webShop.id!);
      expect(after).toHaveLength(before.length + 1);
      const refused = await thrown(
        client.createProjectRoleTemplateBinding({
          projectId: webShop.id,
          roleTemplateId: 'project-member',
        }),
      );
      expect(refused).toBeInstanceOf(InputError);
    });
  });

  describe('namespaces through the cluster proxy', () => {
    it('lists the seeded namespaces, labelled with their project by Rancher', async () => {
      const payments = await seededProject('payments');
      const list = await core.listNamespace();
      const paymentsDev = list.items.find(
        ns => ns.metadata?.name === 'payments-dev',
      );
      expect(paymentsDev?.metadata?.annotations?.[PROJECT_ID_KEY]).toBe(
        payments.id,
      );
      expect(paymentsDev?.metadata?.labels).toMatchObject({
        [PROJECT_ID_KEY]: payments.id.split(':')[1],
        'kubernetes.io/metadata.name': 'payments-dev',
      });
      expect(list.items.map(ns => ns.metadata?.name)).toEqual(
        expect.arrayContaining(['default', 'kube-system', 'web-shop-dev']),
      );
    });

    it('creates a namespace in a project; Rancher labels it afterwards', async () => {
      const payments = await seededProject('payments');
      const raw = await k8s('/api/v1/namespaces', {
        method: 'POST',
        body: {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: {
            name: 'payments-test',
            annotations: { [PROJECT_ID_KEY]: payments.id },
          },
        },
      });
      expect(raw.status).toBe(201);
      expect(raw.json).toMatchObject({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: 'payments-test',
          uid: expect.stringMatching(UID),
          resourceVersion: expect.stringMatching(/^\d+$/),
          creationTimestamp: expect.stringMatching(RFC3339_SECONDS),
          labels: { 'kubernetes.io/metadata.name': 'payments-test' },
        },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
      expect(raw.json.metadata.labels[PROJECT_ID_KEY]).toBeUndefined();

      const read = await core.readNamespace({ name: 'payments-test' });
      expect(read.metadata?.labels?.[PROJECT_ID_KEY]).toBe(
        payments.id.split(':')[1],
      );
      expect(read.metadata?.creationTimestamp).toBeInstanceOf(Date);
      expect(Number(read.metadata?.resourceVersion)).toBeGreaterThan(
        Number(raw.json.metadata.resourceVersion),
      );
      expect(violations()).toEqual([]);
    });

    it('answers 409 AlreadyExists, 422 Invalid and the webhook’s 403 as Kubernetes Status', async () => {
      const existing = await kubeRefusal(
        core.createNamespace({ body: { metadata: { name: 'payments-dev' } } }),
      );
      expect(existing).toEqual({
        code: 409,
        status: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'namespaces "payments-dev" already exists',
          reason: 'AlreadyExists',
          details: { name: 'payments-dev', kind: 'namespaces' },
          code: 409,
        },
      });
      const invalid = await kubeRefusal(
        core.createNamespace({ body: { metadata: { name: 'Payments_Test' } } }),
      );
      expect(invalid.code).toBe(422);
      expect(invalid.status).toMatchObject({
        kind: 'Status',
        reason: 'Invalid',
        details: {
          name: 'Payments_Test',
          kind: 'Namespace',
          causes: [{ reason: 'FieldValueInvalid', field: 'metadata.name' }],
        },
      });
      const unknownProject = await kubeRefusal(
        core.createNamespace({
          body: {
            metadata: {
              name: 'ghost-dev',
              annotations: { [PROJECT_ID_KEY]: `${CLUSTER_ID}:p-ghost` },
            },
          },
        }),
      );
      expect(unknownProject.code).toBe(403);
      expect(unknownProject.status).toMatchObject({
        kind: 'Status',
        status: 'Failure',
        code: 403,
        message: expect.stringContaining(
          'admission webhook "rancher.cattle.io.namespaces.create-non-kubesystem" denied the request',
        ),
      });
      const missing = await kubeRefusal(core.readNamespace({ name: 'nope' }));
      expect(missing).toMatchObject({
        code: 404,
        status: { reason: 'NotFound', message: 'namespaces "nope" not found' },
      });
      const names = (await core.listNamespace()).items.map(
        ns => ns.metadata?.name,
      );
      expect(names).not.toContain('ghost-dev');
      expect(names).not.toContain('Payments_Test');
    });

    it('serves RancherKubernetes: read, create, and refusals as Backstage errors', async () => {
      const payments = await seededProject('payments');
      const cluster = rancherClient().kubernetes(CLUSTER_ID);
      expect(
        (await cluster.readNamespace('payments-dev'))?.metadata?.name,
      ).toBe('payments-dev');
      expect(await cluster.readNamespace('nope')).toBeUndefined();
      const created = await cluster.createNamespace({
        metadata: {
          name: 'payments-test',
          annotations: { [PROJECT_ID_KEY]: payments.id },
        },
      });
      expect(created.metadata?.uid).toMatch(UID);
      const duplicate = await thrown(
        cluster.createNamespace({ metadata: { name: 'payments-test' } }),
      );
      expect(duplicate).toBeInstanceOf(ConflictError);
      expect(duplicate.message).toContain(
        'namespaces "payments-test" already exists',
      );
      const forbidden = await thrown(
        cluster.createNamespace({
          metadata: {
            name: 'ghost-dev',
            annotations: { [PROJECT_ID_KEY]: `${CLUSTER_ID}:p-ghost` },
          },
        }),
      );
      expect(forbidden).toBeInstanceOf(NotAllowedError);
      expect(violations()).toEqual([]);
    });
    it('serves RancherKubernetes: labels and annotations by merge patch, which keeps the rest', async () => {
      const cluster = rancherClient().kubernetes(CLUSTER_ID);
      const before = (await cluster.readNamespace('payments-dev'))!;
      const patched = await cluster.patchNamespaceMetadata('payments-dev', {
        annotations: { 'wombat.dev/project': 'project:default/payments' },
        labels: { 'wombat.dev/project': 'payments' },
      });
      expect(patched.metadata?.annotations).toEqual({
        ...before.metadata?.annotations,
        'wombat.dev/project': 'project:default/payments',
      });
      expect(patched.metadata?.labels).toEqual({
        ...before.metadata?.labels,
        'wombat.dev/project': 'payments',
      });
      expect(Number(patched.metadata?.resourceVersion)).toBeGreaterThan(
        Number(before.metadata?.resourceVersion),
      );
      const stale = await kubeRefusal(
        core.patchNamespace(
          {
            name: 'payments-dev',
            body: { metadata: { resourceVersion: '1', labels: { a: 'b' } } },
          },
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
        ),
      );
      expect(stale).toMatchObject({
        code: 409,
        status: { reason: 'Conflict' },
      });
      const missing = await thrown(
        cluster.patchNamespaceMetadata('nope', { labels: { a: 'b' } }),
      );
      expect(missing.name).toBe('NotFoundError');
      expect(violations()).toEqual([]);
    });
  });

  describe('objects in a namespace through the cluster proxy', () => {
    it('creates and reads a ResourceQuota and a LimitRange, quantities as strings', async () => {
      const quota = await core.createNamespacedResourceQuota({
        namespace: 'payments-dev',
        body: {
          metadata: { name: 'default' },
          spec: {
            hard: { 'limits.cpu': '2', 'limits.memory': '4Gi', pods: '20' },
          },
        },
      });
      expect(quota.metadata).toMatchObject({
        name: 'default',
        namespace: 'payments-dev',
        uid: expect.stringMatching(UID),
      });
      const read = await k8s(
        '/api/v1/namespaces/payments-dev/resourcequotas/default',
      );
      expect(read.json).toMatchObject({
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { creationTimestamp: expect.stringMatching(RFC3339_SECONDS) },
        spec: {
          hard: { 'limits.cpu': '2', 'limits.memory': '4Gi', pods: '20' },
        },
      });

      await core.createNamespacedLimitRange({
        namespace: 'payments-dev',
        body: {
          metadata: { name: 'defaults' },
          spec: {
            limits: [
              {
                type: 'Container',
                _default: { cpu: '500m', memory: '512Mi' },
                defaultRequest: { cpu: '100m' },
              },
            ],
          },
        },
      });
      const limits = await k8s(
        '/api/v1/namespaces/payments-dev/limitranges/defaults',
      );
      expect(limits.json.spec.limits).toEqual([
        {
          type: 'Container',
          default: { cpu: '500m', memory: '512Mi' },
          defaultRequest: { cpu: '100m' },
        },
      ]);
      const list = await core.listNamespacedLimitRange({
        namespace: 'payments-dev',
      });
      expect(list.items.map(item => item.metadata?.name)).toEqual(['defaults']);
      expect(violations()).toEqual([]);
    });

    it('refuses a malformed quantity with 400 and a missing namespace with 404', async () => {
      const malformed = await k8s(
        '/api/v1/namespaces/payments-dev/resourcequotas',
        {
          method: 'POST',
          body: {
            metadata: { name: 'default' },
            spec: { hard: { 'limits.memory': '4 GB' } },
          },
        },
      );
      expect(malformed).toMatchObject({
        status: 400,
        json: { kind: 'Status', reason: 'BadRequest', code: 400 },
      });
      const missing = await kubeRefusal(
        core.createNamespacedLimitRange({
          namespace: 'ghost',
          body: {
            metadata: { name: 'defaults' },
            spec: { limits: [{ type: 'Container' }] },
          },
        }),
      );
      expect(missing).toMatchObject({
        code: 404,
        status: { reason: 'NotFound', message: 'namespaces "ghost" not found' },
      });
    });

    it('creates and reads an image pull secret with client-node and RancherKubernetes', async () => {
      const dockerConfig = JSON.stringify({
        auths: {
          'harbor.example.com': {
            username: 'robot$payments+pull',
            password: 'pw',
            auth: Buffer.from('robot$payments+pull:pw').toString('base64'),
          },
        },
      });
      const created = await core.createNamespacedSecret({
        namespace: 'payments-dev',
        body: {
          metadata: { name: 'harbor-pull' },
          type: 'kubernetes.io/dockerconfigjson',
          stringData: { '.dockerconfigjson': dockerConfig },
        },
      });
      expect(created.type).toBe('kubernetes.io/dockerconfigjson');
      expect(created.stringData).toBeUndefined();
      expect(
        Buffer.from(created.data!['.dockerconfigjson'], 'base64').toString(),
      ).toBe(dockerConfig);

      const cluster = rancherClient().kubernetes(CLUSTER_ID);
      const read = await cluster.readSecret('payments-dev', 'harbor-pull');
      expect(read?.data).toEqual(created.data);
      expect(await cluster.readSecret('payments-dev', 'nope')).toBeUndefined();
      await cluster.createSecret('payments-dev', {
        metadata: { name: 'token' },
        stringData: { token: 's3cr3t' },
      });
      const opaque = await core.readNamespacedSecret({
        namespace: 'payments-dev',
        name: 'token',
      });
      expect(opaque).toMatchObject({
        type: 'Opaque',
        data: { token: 'czNjcjN0' },
      });
      expect(violations()).toEqual([]);
    });

    it('refuses a second secret of the same name with 409 and a bad data key with 422', async () => {
      const body = { metadata: { name: 'token' }, stringData: { token: 'x' } };
      await core.createNamespacedSecret({ namespace: 'payments-dev', body });
      const again = await kubeRefusal(
        core.createNamespacedSecret({ namespace: 'payments-dev', body }),
      );
      expect(again).toMatchObject({
        code: 409,
        status: {
          kind: 'Status',
          reason: 'AlreadyExists',
          message: 'secrets "token" already exists',
        },
      });
      const badKey = await kubeRefusal(
        core.createNamespacedSecret({
          namespace: 'payments-dev',
          body: { metadata: { name: 'other' }, stringData: { 'a key': 'x' } },
        }),
      );
      expect(badKey.code).toBe(422);
      expect(badKey.status.details.causes).toEqual([
        expect.objectContaining({
          reason: 'FieldValueInvalid',
          field: 'data[a key]',
        }),
      ]);
      const cluster = rancherClient().kubernetes(CLUSTER_ID);
      expect(
        await thrown(cluster.createSecret('payments-dev', body)),
      ).toBeInstanceOf(ConflictError);
    });
  });

  describe('role bindings through the cluster proxy', () => {
    const viewers: V1RoleBinding = {
      metadata: { name: 'payments-viewers' },
      roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'Group', name: TEAM_PAYMENTS }],
    };

    it('creates, reads and lists a RoleBinding with the defaults the API server applies', async () => {
      const created = await rbac.createNamespacedRoleBinding({
        namespace: 'payments-dev',
        body: viewers,
      });
      expect(created).toMatchObject({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: {
          name: 'payments-viewers',
          namespace: 'payments-dev',
          uid: expect.stringMatching(UID),
          resourceVersion: expect.stringMatching(/^\d+$/),
        },
        subjects: [
          { kind: 'Group', apiGroup: RBAC_GROUP, name: TEAM_PAYMENTS },
        ],
      });
      const raw = await k8s(
        '/apis/rbac.authorization.k8s.io/v1/namespaces/payments-dev/rolebindings/payments-viewers',
      );
      expect(raw.json.metadata.creationTimestamp).toMatch(RFC3339_SECONDS);
      expect(raw.json.roleRef).toEqual({
        apiGroup: RBAC_GROUP,
        kind: 'ClusterRole',
        name: 'view',
      });
      const read = await rbac.readNamespacedRoleBinding({
        namespace: 'payments-dev',
        name: 'payments-viewers',
      });
      expect(read.metadata?.uid).toBe(created.metadata?.uid);
      const inNamespace = await rbac.listNamespacedRoleBinding({
        namespace: 'payments-dev',
      });
      expect(inNamespace.items.map(rb => rb.metadata?.name)).toContain(
        'payments-viewers',
      );
      const everywhere = await rbac.listRoleBindingForAllNamespaces();
      expect(
        new Set(everywhere.items.map(rb => rb.metadata?.namespace)),
      ).toEqual(new Set(['payments-dev', 'web-shop-dev', 'risk-engine-dev']));
      expect(violations()).toEqual([]);
    });

    it("has Rancher's RoleBindings for each project binding in the project's namespaces", async () => {
      const payments = await seededProject('payments');
      const { json: bindings } = await v3(
        `/v3/projectroletemplatebindings?projectId=${payments.id}`,
      );
      const { items } = await rbac.listNamespacedRoleBinding({
        namespace: 'payments-dev',
      });
      // One per binding and role: the role template's ClusterRole and the one it inherits.
      expect(items).toHaveLength(bindings.data.length * 2);
      const teamOwner = bindings.data.find(
        (b: any) => b.groupPrincipalId === TEAM_PAYMENTS,
      );
      const forTeam = items.filter(
        rb =>
          rb.metadata?.labels?.[RTB_OWNER_LABEL] ===
          teamOwner.id.replace(':', '_'),
      );
      expect(forTeam.map(rb => rb.roleRef.name).sort()).toEqual([
        'admin',
        'project-owner',
      ]);
      for (const rb of forTeam) {
        expect(rb.metadata?.name).toMatch(/^rb-[a-z2-7]{10}$/);
        expect(rb.roleRef.kind).toBe('ClusterRole');
        expect(rb.subjects).toEqual([
          { kind: 'Group', apiGroup: RBAC_GROUP, name: TEAM_PAYMENTS },
        ]);
      }
      const kim = bindings.data.find((b: any) => b.userPrincipalId === KIM);
      expect(
        items
          .filter(rb => rb.subjects?.[0].name === kim.userId)
          .map(rb => rb.roleRef.name)
          .sort(),
      ).toEqual(['edit', 'project-member']);

      const added = await v3('/v3/projectroletemplatebindings', {
        method: 'POST',
        body: {
          projectId: payments.id,
          roleTemplateId: 'read-only',
          groupPrincipalId:
            'openldap_group://cn=team-web,ou=groups,dc=acme,dc=example',
        },
      });
      expect(added.status).toBe(201);
      const after = await rbac.listNamespacedRoleBinding({
        namespace: 'payments-dev',
      });
      expect(
        after.items
          .filter(
            rb =>
              rb.metadata?.labels?.[RTB_OWNER_LABEL] ===
              added.json.id.replace(':', '_'),
          )
          .map(rb => rb.roleRef.name)
          .sort(),
      ).toEqual(['read-only', 'view']);
      const webShop = await rbac.listNamespacedRoleBinding({
        namespace: 'web-shop-dev',
      });
      expect(
        webShop.items.filter(
          rb =>
            rb.metadata?.labels?.[RTB_OWNER_LABEL] ===
            added.json.id.replace(':', '_'),
        ),
      ).toEqual([]);
    });

    it('refuses a duplicate with 409, an invalid binding with 422, a missing namespace with 404', async () => {
      await rbac.createNamespacedRoleBinding({
        namespace: 'payments-dev',
        body: viewers,
      });
      const again = await kubeRefusal(
        rbac.createNamespacedRoleBinding({
          namespace: 'payments-dev',
          body: viewers,
        }),
      );
      expect(again).toEqual({
        code: 409,
        status: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message:
            'rolebindings.rbac.authorization.k8s.io "payments-viewers" already exists',
          reason: 'AlreadyExists',
          details: {
            name: 'payments-viewers',
            group: RBAC_GROUP,
            kind: 'rolebindings',
          },
          code: 409,
        },
      });
      const invalid = await kubeRefusal(
        rbac.createNamespacedRoleBinding({
          namespace: 'payments-dev',
          body: {
            metadata: { name: 'payments/editors' },
            roleRef: { apiGroup: RBAC_GROUP, kind: 'Policy', name: 'edit' },
            subjects: [{ kind: 'Team', name: 'payments' }],
          },
        }),
      );
      expect(invalid.code).toBe(422);
      expect(invalid.status).toMatchObject({
        reason: 'Invalid',
        message: expect.stringMatching(
          /^RoleBinding.rbac.authorization.k8s.io "payments\/editors" is invalid: \[/,
        ),
        details: { group: RBAC_GROUP, kind: 'RoleBinding' },
      });
      expect(invalid.status.details.causes).toEqual([
        {
          reason: 'FieldValueInvalid',
          message: 'Invalid value: "payments/editors": may not contain \'/\'',
          field: 'metadata.name',
        },
        {
          reason: 'FieldValueNotSupported',
          message:
            'Unsupported value: "Policy": supported values: "Role", "ClusterRole"',
          field: 'roleRef.kind',
        },
        {
          reason: 'FieldValueNotSupported',
          message:
            'Unsupported value: "Team": supported values: "ServiceAccount", "User", "Group"',
          field: 'subjects[0].kind',
        },
      ]);
      const undecodable = await k8s(
        '/apis/rbac.authorization.k8s.io/v1/namespaces/payments-dev/rolebindings',
        { method: 'POST', body: { metadata: { name: 'x' }, roleRef: 'view' } },
      );
      expect(undecodable).toMatchObject({
        status: 400,
        json: { kind: 'Status', reason: 'BadRequest', code: 400 },
      });
      const missing = await kubeRefusal(
        rbac.createNamespacedRoleBinding({ namespace: 'ghost', body: viewers }),
      );
      expect(missing).toMatchObject({
        code: 404,
        status: { message: 'namespaces "ghost" not found' },
      });
      const unknown = await kubeRefusal(
        rbac.readNamespacedRoleBinding({
          namespace: 'payments-dev',
          name: 'nope',
        }),
      );
      expect(unknown).toMatchObject({
        code: 404,
        status: {
          message: 'rolebindings.rbac.authorization.k8s.io "nope" not found',
        },
      });
    });
  });
});
