import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { createFakeRancher } from './FakeRancher';

const server = setupServer();
registerMswTestHooks(server);

const CLUSTER = '/k8s/clusters/c-m-abc12';

function setup() {
  const rancher = createFakeRancher();
  server.use(...rancher.handlers);

  async function api(method: string, path: string, body?: unknown) {
    const response = await fetch(`${rancher.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${rancher.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  }
  const kube = (method: string, path: string, body?: unknown) =>
    api(method, `${CLUSTER}${path}`, body);
  const createNamespace = (
    name: unknown,
    extra: Record<string, unknown> = {},
  ) =>
    kube('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, ...extra },
    });

  return { rancher, api, kube, createNamespace };
}

const dockerConfig = (auths: unknown) =>
  Buffer.from(JSON.stringify({ auths })).toString('base64');

describe('createFakeRancher Kubernetes proxy', () => {
  describe('namespaces', () => {
    it('creates a namespace with the fields the API server adds, and reads and lists it', async () => {
      const { rancher, kube, createNamespace } = setup();
      const created = await createNamespace('payments-dev', {
        labels: { team: 'payments' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: 'payments-dev',
          labels: {
            team: 'payments',
            'kubernetes.io/metadata.name': 'payments-dev',
          },
        },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      });
      expect(created.body.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
      expect(created.body.metadata.resourceVersion).toMatch(/^\d+$/);
      expect(created.body.metadata.creationTimestamp).toMatch(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
      );

      expect(
        (await kube('GET', '/api/v1/namespaces/payments-dev')).body,
      ).toEqual(created.body);
      const list = await kube('GET', '/api/v1/namespaces');
      expect(list.body.kind).toBe('NamespaceList');
      expect(list.body.items.map((n: any) => n.metadata.name)).toEqual([
        'default',
        'kube-node-lease',
        'kube-public',
        'kube-system',
        'payments-dev',
      ]);
      expect(list.body.items[4].kind).toBeUndefined();
      expect(rancher.state.kube['c-m-abc12'].namespaces).toHaveLength(5);
      expect(rancher.violations).toEqual([]);
    });

    it('answers 409 AlreadyExists and 404 NotFound with Kubernetes Status bodies', async () => {
      const { rancher, kube, createNamespace } = setup();
      await createNamespace('payments-dev');
      const again = await createNamespace('payments-dev');
      expect(again).toMatchObject({
        status: 409,
        body: {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'AlreadyExists',
          code: 409,
          message: 'namespaces "payments-dev" already exists',
        },
      });
      const missing = await kube('GET', '/api/v1/namespaces/nope');
      expect(missing).toMatchObject({
        status: 404,
        body: {
          reason: 'NotFound',
          code: 404,
          message: 'namespaces "nope" not found',
        },
      });
      expect(rancher.violations).toEqual([]);
    });

    it('refuses a name that is not a string as a decoding error', async () => {
      const { rancher, createNamespace } = setup();
      const refused = await createNamespace(123);
      expect(refused).toMatchObject({
        status: 400,
        body: {
          kind: 'Status',
          reason: 'BadRequest',
          code: 400,
          message:
            'Namespace in version "v1" cannot be handled as a Namespace: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string',
        },
      });
      expect(rancher.state.kube['c-m-abc12'].namespaces).toHaveLength(4);
      expect(rancher.violations).toHaveLength(1);
    });

    it('refuses a name that is not a DNS-1123 label with 422 Invalid', async () => {
      const { rancher, createNamespace } = setup();
      const refused = await createNamespace('Payments_Dev');
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        kind: 'Status',
        reason: 'Invalid',
        code: 422,
        details: {
          name: 'Payments_Dev',
          kind: 'Namespace',
          causes: [{ field: 'metadata.name' }],
        },
      });
      expect(refused.body.message).toMatch(
        /^Namespace "Payments_Dev" is invalid: metadata.name: Invalid value: "Payments_Dev": a lowercase RFC 1123 label/,
      );
      const dotted = await createNamespace('payments.dev');
      expect(dotted.status).toBe(422);
      expect(rancher.violations).toHaveLength(2);
    });

    it('refuses a body of another kind or version', async () => {
      const { rancher, kube } = setup();
      const wrongKind = await kube('POST', '/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'x' },
      });
      expect(wrongKind.status).toBe(400);
      const wrongVersion = await kube('POST', '/api/v1/namespaces', {
        apiVersion: 'v2',
        kind: 'Namespace',
        metadata: { name: 'x' },
      });
      expect(wrongVersion.body.message).toBe(
        'the API version in the data (v2) does not match the expected API version (v1)',
      );
      expect(rancher.violations).toHaveLength(2);
    });

    it('drops unknown fields with a warning, as the API server does by default', async () => {
      const { rancher, kube } = setup();
      const created = await kube('POST', '/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'payments-dev', project: 'payments' },
      });
      expect(created.status).toBe(201);
      expect(created.body.metadata.project).toBeUndefined();
      expect(created.headers.get('warning')).toBe(
        '299 - "unknown field \\"metadata.project\\""',
      );
      expect(rancher.violations).toEqual([
        `POST ${CLUSTER}/api/v1/namespaces: fields the API server drops: metadata.project`,
      ]);
    });

    it('refuses unknown fields with fieldValidation=Strict', async () => {
      const { kube } = setup();
      const refused = await kube(
        'POST',
        '/api/v1/namespaces?fieldValidation=Strict',
        {
          metadata: { name: 'payments-dev' },
          spec: { owner: 'payments' },
        },
      );
      expect(refused).toMatchObject({
        status: 400,
        body: { message: 'strict decoding error: unknown field "spec.owner"' },
      });
    });
  });

  describe('namespaces in Rancher projects', () => {
    it('labels a namespace annotated with an existing project after creating it', async () => {
      const { rancher, api, kube, createNamespace } = setup();
      const project = await api('POST', '/v3/projects', {
        name: 'payments',
        clusterId: 'c-m-abc12',
      });
      const projectPart = project.body.id.split(':')[1];
      const created = await createNamespace('payments-dev', {
        annotations: { 'field.cattle.io/projectId': project.body.id },
      });
      expect(created.status).toBe(201);
      expect(
        created.body.metadata.labels['field.cattle.io/projectId'],
      ).toBeUndefined();
      const read = await kube('GET', '/api/v1/namespaces/payments-dev');
      expect(read.body.metadata.labels).toMatchObject({
        'field.cattle.io/projectId': projectPart,
      });
      expect(Number(read.body.metadata.resourceVersion)).toBeGreaterThan(
        Number(created.body.metadata.resourceVersion),
      );
      expect(rancher.violations).toEqual([]);
    });

    it('answers 403 from the webhook for a project that does not exist', async () => {
      const { rancher, createNamespace } = setup();
      const refused = await createNamespace('payments-dev', {
        annotations: { 'field.cattle.io/projectId': 'c-m-abc12:p-ghost' },
      });
      expect(refused).toMatchObject({
        status: 403,
        body: {
          kind: 'Status',
          code: 403,
          message: expect.stringContaining(
            'admission webhook "rancher.cattle.io.namespaces.create-non-kubesystem" denied the request',
          ),
        },
      });
      expect(
        rancher.state.kube['c-m-abc12'].namespaces.map(n => n.metadata.name),
      ).not.toContain('payments-dev');
    });

    it('merges a patch into a namespace, keeps its spec, and moves it with the project annotation', async () => {
      const { rancher, api, kube, createNamespace } = setup();
      const [first, second] = [
        await api('POST', '/v3/projects', {
          name: 'payments',
          clusterId: 'c-m-abc12',
        }),
        await api('POST', '/v3/projects', {
          name: 'web',
          clusterId: 'c-m-abc12',
        }),
      ].map(answer => answer.body.id as string);
      const created = await createNamespace('payments-dev', {
        labels: { team: 'payments' },
        annotations: { 'field.cattle.io/projectId': first },
      });
      const patch = (
        body: unknown,
        contentType = 'application/merge-patch+json',
      ) =>
        fetch(`${rancher.baseUrl}${CLUSTER}/api/v1/namespaces/payments-dev`, {
          method: 'PATCH',
          headers: {
            authorization: `Bearer ${rancher.token}`,
            'content-type': contentType,
          },
          body: JSON.stringify(body),
        }).then(async response => ({
          status: response.status,
          body: await response.json(),
        }));

      const stamped = await patch({
        metadata: {
          annotations: { 'wombat.dev/project': 'project:default/payments' },
          labels: { team: null, 'wombat.dev/project': 'payments' },
        },
        spec: { finalizers: [] },
      });
      expect(stamped.status).toBe(200);
      expect(stamped.body.metadata.annotations).toEqual({
        'field.cattle.io/projectId': first,
        'wombat.dev/project': 'project:default/payments',
      });
      expect(stamped.body.metadata.labels).toEqual({
        'kubernetes.io/metadata.name': 'payments-dev',
        'field.cattle.io/projectId': first.split(':')[1],
        'wombat.dev/project': 'payments',
      });
      expect(stamped.body.spec).toEqual({ finalizers: ['kubernetes'] });
      expect(stamped.body.metadata.uid).toBe(created.body.metadata.uid);

      await patch({
        metadata: { annotations: { 'field.cattle.io/projectId': second } },
      });
      const read = await kube('GET', '/api/v1/namespaces/payments-dev');
      expect(read.body.metadata.labels['field.cattle.io/projectId']).toBe(
        second.split(':')[1],
      );
      const ghost = await patch({
        metadata: {
          annotations: { 'field.cattle.io/projectId': 'c-m-abc12:p-ghost' },
        },
      });
      expect(ghost.status).toBe(403);
      expect(rancher.violations).toEqual([]);
    });

    it('answers a stale resourceVersion with 409, a renaming patch with 400 and an unknown media type with 415', async () => {
      const { rancher, createNamespace } = setup();
      await createNamespace('payments-dev');
      const patch = (
        body: unknown,
        contentType = 'application/merge-patch+json',
      ) =>
        fetch(`${rancher.baseUrl}${CLUSTER}/api/v1/namespaces/payments-dev`, {
          method: 'PATCH',
          headers: {
            authorization: `Bearer ${rancher.token}`,
            'content-type': contentType,
          },
          body: JSON.stringify(body),
        }).then(async response => ({
          status: response.status,
          body: await response.json(),
        }));
      expect(
        await patch({ metadata: { resourceVersion: '1', labels: { a: 'b' } } }),
      ).toMatchObject({
        status: 409,
        body: {
          reason: 'Conflict',
          message:
            'Operation cannot be fulfilled on namespaces "payments-dev": the object has been modified; please apply your changes to the latest version and try again',
        },
      });
      expect((await patch({ metadata: { name: 'other' } })).status).toBe(400);
      expect(
        (await patch({ metadata: { labels: { a: 'b' } } }, 'application/json'))
          .status,
      ).toBe(415);
      expect(
        (await patch({ metadata: { labels: { 'a b': 'c' } } })).status,
      ).toBe(422);
      expect(
        rancher.state.kube['c-m-abc12'].namespaces.find(
          n => n.metadata.name === 'payments-dev',
        )!.metadata.labels,
      ).toEqual({ 'kubernetes.io/metadata.name': 'payments-dev' });
      expect(rancher.violations).toHaveLength(3);
    });

    it('flags a project annotation without the cluster part', async () => {
      const { rancher, createNamespace } = setup();
      const refused = await createNamespace('payments-dev', {
        annotations: { 'field.cattle.io/projectId': 'p-abcde' },
      });
      expect(refused.status).toBe(400);
      expect(rancher.violations).toHaveLength(1);
    });
  });

  describe('objects in a namespace', () => {
    async function withNamespace() {
      const context = setup();
      await context.createNamespace('payments-dev');
      return context;
    }

    it('creates, reads and lists a ResourceQuota and a LimitRange', async () => {
      const { rancher, kube } = await withNamespace();
      const quota = await kube(
        'POST',
        '/api/v1/namespaces/payments-dev/resourcequotas',
        {
          apiVersion: 'v1',
          kind: 'ResourceQuota',
          metadata: { name: 'default' },
          spec: {
            hard: { 'limits.cpu': '2', 'limits.memory': '4Gi', pods: 20 },
          },
        },
      );
      expect(quota.status).toBe(201);
      expect(quota.body).toMatchObject({
        metadata: { name: 'default', namespace: 'payments-dev' },
        spec: {
          hard: { 'limits.cpu': '2', 'limits.memory': '4Gi', pods: '20' },
        },
      });
      const limits = await kube(
        'POST',
        '/api/v1/namespaces/payments-dev/limitranges',
        {
          apiVersion: 'v1',
          kind: 'LimitRange',
          metadata: { name: 'defaults' },
          spec: {
            limits: [
              { type: 'Container', default: { cpu: '500m', memory: '512Mi' } },
            ],
          },
        },
      );
      expect(limits.status).toBe(201);
      expect(
        (
          await kube(
            'GET',
            '/api/v1/namespaces/payments-dev/limitranges/defaults',
          )
        ).body,
      ).toEqual(limits.body);
      const list = await kube(
        'GET',
        '/api/v1/namespaces/payments-dev/resourcequotas',
      );
      expect(list.body).toMatchObject({
        kind: 'ResourceQuotaList',
        items: [{ metadata: { name: 'default' } }],
      });
      expect(
        (await kube('GET', '/api/v1/namespaces/other/resourcequotas')).body
          .items,
      ).toEqual([]);
      expect(rancher.state.kube['c-m-abc12'].resourceQuotas).toHaveLength(1);
      expect(rancher.violations).toEqual([]);
    });

    it('refuses malformed quantities and a LimitRange item without type', async () => {
      const { rancher, kube } = await withNamespace();
      const badQuantity = await kube(
        'POST',
        '/api/v1/namespaces/payments-dev/resourcequotas',
        {
          metadata: { name: 'default' },
          spec: { hard: { 'limits.memory': '4 GB' } },
        },
      );
      expect(badQuantity.status).toBe(400);
      expect(badQuantity.body.message).toContain(
        'quantities must match the regular expression',
      );
      const noType = await kube(
        'POST',
        '/api/v1/namespaces/payments-dev/limitranges',
        {
          metadata: { name: 'defaults' },
          spec: { limits: [{ default: { cpu: '1' } }] },
        },
      );
      expect(noType.status).toBe(422);
      expect(noType.body.message).toBe(
        'LimitRange "defaults" is invalid: spec.limits[0].type: Required value',
      );
      expect(rancher.violations).toHaveLength(2);
    });

    it('answers 404 for a namespace that does not exist, and 409 for an existing name', async () => {
      const { rancher, kube } = await withNamespace();
      const secret = {
        metadata: { name: 'token' },
        stringData: { token: 's3cr3t' },
      };
      const missing = await kube(
        'POST',
        '/api/v1/namespaces/ghost/secrets',
        secret,
      );
      expect(missing).toMatchObject({
        status: 404,
        body: { message: 'namespaces "ghost" not found' },
      });
      expect(
        (await kube('POST', '/api/v1/namespaces/payments-dev/secrets', secret))
          .status,
      ).toBe(201);
      const again = await kube(
        'POST',
        '/api/v1/namespaces/payments-dev/secrets',
        secret,
      );
      expect(again.body).toMatchObject({
        code: 409,
        message: 'secrets "token" already exists',
      });
      const unknown = await kube(
        'GET',
        '/api/v1/namespaces/payments-dev/secrets/nope',
      );
      expect(unknown.body).toMatchObject({
        code: 404,
        message: 'secrets "nope" not found',
      });
      expect(rancher.violations).toEqual([]);
    });

    it('stores an image pull secret and merges stringData into data', async () => {
      const { rancher, kube } = await withNamespace();
      const data = dockerConfig({
        'harbor.example.com': {
          username: 'robot',
          password: 'pw',
          auth: 'cm9ib3Q6cHc=',
        },
      });
      const created = await kube(
        'POST',
        '/api/v1/namespaces/payments-dev/secrets',
        {
          apiVersion: 'v1',
          kind: 'Secret',
          type: 'kubernetes.io/dockerconfigjson',
          metadata: { name: 'harbor-pull' },
          data: { '.dockerconfigjson': data },
        },
      );
      expect(created.status).toBe(201);
      expect(created.body.data['.dockerconfigjson']).toBe(data);
      const plain = await kube(
        'POST',
        '/api/v1/namespaces/payments-dev/secrets',
        {
          metadata: { name: 'plain' },
          stringData: { password: 'pw' },
        },
      );
      expect(plain.body).toMatchObject({
        type: 'Opaque',
        data: { password: 'cHc=' },
      });
      expect(plain.body.stringData).toBeUndefined();
      expect(rancher.violations).toEqual([]);
    });

    it('refuses a dockerconfigjson secret whose content is not a JSON object', async () => {
      const { rancher, kube } = await withNamespace();
      const refused = await kube(
        'POST',
        '/api/v1/namespaces/payments-dev/secrets',
        {
          type: 'kubernetes.io/dockerconfigjson',
          metadata: { name: 'harbor-pull' },
          data: {
            '.dockerconfigjson': Buffer.from('robot:pw').toString('base64'),
          },
        },
      );
      expect(refused.status).toBe(422);
      expect(refused.body.message).toContain(
        'data[.dockerconfigjson]: Invalid value: "<secret contents redacted>"',
      );
      const missingKey = await kube(
        'POST',
        '/api/v1/namespaces/payments-dev/secrets',
        {
          type: 'kubernetes.io/dockerconfigjson',
          metadata: { name: 'harbor-pull' },
          data: { config: dockerConfig({}) },
        },
      );
      expect(missingKey.body.message).toBe(
        'Secret "harbor-pull" is invalid: data[.dockerconfigjson]: Required value',
      );
      expect(rancher.violations).toHaveLength(2);
    });

    it('stores a dockerconfigjson secret without auths, but flags it', async () => {
      const { rancher, kube } = await withNamespace();
      const created = await kube(
        'POST',
        '/api/v1/namespaces/payments-dev/secrets',
        {
          type: 'kubernetes.io/dockerconfigjson',
          metadata: { name: 'harbor-pull' },
          data: {
            '.dockerconfigjson': Buffer.from(
              '{"harbor.example.com":{}}',
            ).toString('base64'),
          },
        },
      );
      expect(created.status).toBe(201);
      expect(rancher.violations).toEqual([
        expect.stringContaining('has no "auths" object'),
      ]);
    });

    it('refuses data that is not base64', async () => {
      const { kube } = await withNamespace();
      const refused = await kube(
        'POST',
        '/api/v1/namespaces/payments-dev/secrets',
        {
          metadata: { name: 'token' },
          data: { token: 's3cr3t!' },
        },
      );
      expect(refused).toMatchObject({
        status: 400,
        body: {
          message:
            'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 6',
        },
      });
    });
  });

  it('answers 404 for an unknown cluster and for unhandled paths', async () => {
    const { rancher, api, kube } = setup();
    expect(
      (await api('GET', '/k8s/clusters/c-m-ghost/api/v1/namespaces')).status,
    ).toBe(404);
    expect(rancher.violations).toEqual([]);
    const unhandled = await kube(
      'GET',
      '/apis/apps/v1/namespaces/default/deployments',
    );
    expect(unhandled).toMatchObject({
      status: 404,
      body: { kind: 'Status', reason: 'NotFound' },
    });
    expect(rancher.violations).toEqual([
      `unhandled Kubernetes request GET ${CLUSTER}/apis/apps/v1/namespaces/default/deployments`,
    ]);
  });

  it('fails the next matching proxy request with a Kubernetes Status', async () => {
    const { rancher, createNamespace } = setup();
    rancher.failNext({ method: 'POST', path: /\/api\/v1\/namespaces$/ }, 500);
    expect((await createNamespace('payments-dev')).body).toMatchObject({
      kind: 'Status',
      reason: 'InternalError',
      code: 500,
    });
    expect((await createNamespace('payments-dev')).status).toBe(201);
  });
});
