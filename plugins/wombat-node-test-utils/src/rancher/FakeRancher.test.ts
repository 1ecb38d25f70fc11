import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { createFakeRancher, type FakeRancherOptions } from './FakeRancher';

const server = setupServer();
registerMswTestHooks(server);

type Call = { body?: unknown; authorization?: string | null };

function setup(options?: FakeRancherOptions) {
  const rancher = createFakeRancher(options);
  server.use(...rancher.handlers);

  async function api(method: string, path: string, call: Call = {}) {
    const authorization =
      call.authorization === undefined
        ? `Bearer ${rancher.token}`
        : call.authorization;
    const response = await fetch(`${rancher.baseUrl}${path}`, {
      method,
      headers: {
        ...(authorization === null ? {} : { authorization }),
        ...(call.body === undefined
          ? {}
          : { 'content-type': 'application/json' }),
      },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  }

  const createProject = (body: Record<string, unknown>) =>
    api('POST', '/v3/projects', { body: { clusterId: 'c-m-abc12', ...body } });

  return { rancher, api, createProject };
}

const quota = (limit: Record<string, unknown>) => ({ limit });

describe('createFakeRancher', () => {
  describe('authentication', () => {
    it('accepts the API key as Bearer or as Basic access key and secret', async () => {
      const { rancher, api } = setup();
      expect((await api('GET', '/v3/projects')).status).toBe(200);
      const basic = Buffer.from(rancher.token).toString('base64');
      expect(
        (await api('GET', '/v3/projects', { authorization: `Basic ${basic}` }))
          .status,
      ).toBe(200);
      expect(rancher.violations).toEqual([]);
    });

    it('answers 401 like Rancher without a valid key, on v3 and on the cluster proxy', async () => {
      const { rancher, api } = setup();
      const anonymous = await api('GET', '/v3/projects', {
        authorization: null,
      });
      expect(anonymous).toMatchObject({
        status: 401,
        body: { type: 'error', status: '401', message: 'must authenticate' },
      });
      const wrong = await api(
        'GET',
        '/k8s/clusters/c-m-abc12/api/v1/namespaces',
        {
          authorization: 'Bearer token-abcde:wrong',
        },
      );
      expect(wrong.status).toBe(401);
      expect(rancher.violations).toHaveLength(2);
    });
  });

  describe('projects', () => {
    it('creates a project with quotas and container defaults and reads it back', async () => {
      const { rancher, api, createProject } = setup();
      const created = await createProject({
        name: 'payments',
        description: 'Team payments',
        labels: { team: 'payments' },
        resourceQuota: quota({
          limitsCpu: '4',
          limitsMemory: '8Gi',
          pods: '50',
        }),
        namespaceDefaultResourceQuota: quota({
          limitsCpu: '500m',
          limitsMemory: '1Gi',
          pods: '10',
        }),
        containerDefaultResourceLimit: {
          requestsCpu: '100m',
          limitsCpu: '500m',
        },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        type: 'project',
        name: 'payments',
        clusterId: 'c-m-abc12',
        description: 'Team payments',
        labels: { team: 'payments' },
        resourceQuota: {
          limit: { limitsCpu: '4', limitsMemory: '8Gi', pods: '50' },
        },
        namespaceDefaultResourceQuota: { limit: { limitsCpu: '500m' } },
        containerDefaultResourceLimit: {
          requestsCpu: '100m',
          limitsCpu: '500m',
        },
        state: 'active',
      });
      expect(created.body.id).toMatch(/^c-m-abc12:p-[a-z0-9]{5}$/);
      expect(created.body.links.self).toBe(
        `${rancher.baseUrl}/v3/projects/${created.body.id}`,
      );

      const raw = await api('GET', `/v3/projects/${created.body.id}`);
      const encoded = await api(
        'GET',
        `/v3/projects/${encodeURIComponent(created.body.id)}`,
      );
      expect(raw.body).toEqual(created.body);
      expect(encoded.body).toEqual(created.body);
      expect(rancher.state.projects).toHaveLength(1);
      expect(rancher.violations).toEqual([]);
    });

    it('makes the token user the project owner, like Rancher', async () => {
      const { rancher, createProject } = setup();
      const { body } = await createProject({ name: 'payments' });
      expect(rancher.state.projectRoleTemplateBindings).toEqual([
        expect.objectContaining({
          projectId: body.id,
          roleTemplateId: 'project-owner',
          name: 'creator-project-owner',
        }),
      ]);
    });

    it('creates a second project with the same name, as Rancher does', async () => {
      const { rancher, createProject } = setup();
      await createProject({ name: 'payments' });
      expect((await createProject({ name: 'payments' })).status).toBe(201);
      expect(rancher.state.projects.map(p => p.name)).toEqual([
        'payments',
        'payments',
      ]);
      expect(rancher.violations).toEqual([]);
    });

    it('filters and pages collections like norman', async () => {
      const { api, createProject } = setup({
        clusters: [
          { id: 'c-m-abc12', name: 'dev-eu' },
          { id: 'c-m-xyz89', name: 'prod-eu' },
        ],
      });
      for (const name of ['a', 'b', 'c']) {
        await createProject({ name });
      }
      await api('POST', '/v3/projects', {
        body: { name: 'b', clusterId: 'c-m-xyz89' },
      });

      const filtered = await api(
        'GET',
        '/v3/projects?clusterId=c-m-abc12&name=b',
      );
      expect(filtered.body).toMatchObject({
        type: 'collection',
        resourceType: 'project',
        pagination: { limit: 100, total: 1 },
      });
      expect(filtered.body.data.map((p: any) => p.clusterId)).toEqual([
        'c-m-abc12',
      ]);

      const first = await api(
        'GET',
        '/v3/projects?clusterId=c-m-abc12&limit=2',
      );
      expect(first.body.data).toHaveLength(2);
      expect(first.body.pagination).toMatchObject({
        limit: 2,
        total: 3,
        partial: true,
      });
      const next = new URL(first.body.pagination.next);
      expect(next.searchParams.get('marker')).toBe('m2');
      const second = await api('GET', `${next.pathname}${next.search}`);
      expect(second.body.data).toHaveLength(1);
      expect(second.body.pagination.next).toBeUndefined();
      const ids = [...first.body.data, ...second.body.data].map(
        (p: any) => p.id,
      );
      expect(new Set(ids).size).toBe(3);

      expect(
        (await api('GET', '/v3/projects?limit=5000')).body.pagination.limit,
      ).toBe(1000);
    });

    it('keeps annotations and labels on create and merges them on update, like norman', async () => {
      const { rancher, api, createProject } = setup();
      const created = await createProject({
        name: 'payments',
        annotations: { 'wombat.dev/project': 'project:default/payments' },
        labels: { team: 'payments' },
      });
      expect(created.body.annotations).toMatchObject({
        'wombat.dev/project': 'project:default/payments',
        'field.cattle.io/creatorId': 'user-wombat',
      });
      const id = encodeURIComponent(created.body.id);
      const updated = await api('PUT', `/v3/projects/${id}`, {
        body: {
          annotations: {
            'example.com/note': 'kept',
            'wombat.dev/project': null,
          },
          labels: { tier: 'gold' },
          description: 'Team payments',
        },
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        name: 'payments',
        description: 'Team payments',
        labels: { team: 'payments', tier: 'gold' },
      });
      expect(updated.body.annotations).toEqual({
        'example.com/note': 'kept',
        'field.cattle.io/creatorId': 'user-wombat',
        'authz.management.cattle.io/creator-role-bindings':
          '{"required":["project-owner"]}',
      });
      expect((await api('GET', `/v3/projects/${id}`)).body).toEqual(
        updated.body,
      );
      expect(rancher.violations).toEqual([]);
    });

    it('checks updates like creates: quotas, create-only fields and unknown projects', async () => {
      const { rancher, api, createProject } = setup();
      const { body } = await createProject({
        name: 'payments',
        resourceQuota: quota({ limitsCpu: '4' }),
        namespaceDefaultResourceQuota: quota({ limitsCpu: '1' }),
      });
      const id = encodeURIComponent(body.id);
      const tooMuch = await api('PUT', `/v3/projects/${id}`, {
        body: { namespaceDefaultResourceQuota: quota({ limitsCpu: '8' }) },
      });
      expect(tooMuch).toMatchObject({
        status: 422,
        body: { code: 'MaxLimitExceeded' },
      });
      expect(rancher.state.projects[0].namespaceDefaultResourceQuota).toEqual(
        quota({ limitsCpu: '1' }),
      );
      const moved = await api('PUT', `/v3/projects/${id}`, {
        body: { clusterId: 'c-m-other' },
      });
      expect(moved.status).toBe(200);
      expect(moved.body.clusterId).toBe('c-m-abc12');
      expect(
        (
          await api('PUT', '/v3/projects/c-m-abc12:p-nope1', {
            body: { description: 'x' },
          })
        ).status,
      ).toBe(404);
      expect(rancher.violations).toEqual([
        `PUT /v3/projects/${body.id}: namespaceDefaultResourceQuota: namespace default quota limit exceeds project limit on fields: limitsCpu=8`,
        `PUT /v3/projects/${body.id}: field clusterId is not in the schema and is silently dropped`,
      ]);
    });

    it('answers 404 NotFound for an unknown project', async () => {
      const { rancher, api } = setup();
      const missing = await api('GET', '/v3/projects/c-m-abc12:p-nope1');
      expect(missing).toMatchObject({
        status: 404,
        body: { type: 'error', status: 404, code: 'NotFound' },
      });
      expect(rancher.violations).toEqual([]);
    });

    it('refuses an unknown cluster and missing required fields with 422', async () => {
      const { rancher, api, createProject } = setup();
      const unknownCluster = await api('POST', '/v3/projects', {
        body: { name: 'payments', clusterId: 'c-m-nope1' },
      });
      expect(unknownCluster).toMatchObject({
        status: 422,
        body: {
          type: 'error',
          status: 422,
          code: 'InvalidFormat',
          fieldName: 'clusterId',
          message:
            'InvalidReference 422: Not found type: cluster id: c-m-nope1',
        },
      });
      expect((await createProject({})).body).toMatchObject({
        status: 422,
        code: 'MissingRequired',
        fieldName: 'name',
      });
      expect(
        (await api('POST', '/v3/projects', { body: { name: 'x' } })).body,
      ).toMatchObject({
        code: 'MissingRequired',
        fieldName: 'clusterId',
      });
      expect(rancher.state.projects).toEqual([]);
      expect(rancher.violations).toHaveLength(3);
    });

    it('converts numbers in quota limits to strings, as norman does, but flags them', async () => {
      const { rancher, createProject } = setup();
      const created = await createProject({
        name: 'payments',
        resourceQuota: quota({ pods: 50 }),
        namespaceDefaultResourceQuota: quota({ pods: '10' }),
      });
      expect(created.status).toBe(201);
      expect(created.body.resourceQuota.limit).toEqual({ pods: '50' });
      expect(rancher.violations).toEqual([
        'POST /v3/projects: field resourceQuota.limit.pods (50) must be a string; Rancher converts it',
      ]);
    });

    it('drops unknown fields and limit keys, and flags them', async () => {
      const { rancher, createProject } = setup();
      const created = await createProject({
        name: 'payments',
        displayName: 'Payments',
        resourceQuota: quota({ cpu: '4', limitsCpu: '4' }),
        namespaceDefaultResourceQuota: quota({ limitsCpu: '1' }),
      });
      expect(created.status).toBe(201);
      expect(created.body.displayName).toBeUndefined();
      expect(created.body.resourceQuota.limit).toEqual({ limitsCpu: '4' });
      expect(rancher.violations).toEqual([
        'POST /v3/projects: field displayName is not in the schema and is silently dropped',
        'POST /v3/projects: field resourceQuota.limit.cpu is not in the schema and is silently dropped',
      ]);
    });

    it.each([
      [
        'a project quota without namespace defaults',
        { resourceQuota: quota({ limitsCpu: '4' }) },
        {
          code: 'MissingRequired',
          fieldName: 'namespaceDefaultResourceQuota',
          message: 'required when resourceQuota is set',
        },
      ],
      [
        'namespace defaults without a project quota',
        { namespaceDefaultResourceQuota: quota({ limitsCpu: '1' }) },
        {
          code: 'MissingRequired',
          fieldName: 'resourceQuota',
          message: 'required when namespaceDefaultResourceQuota is set',
        },
      ],
      [
        'namespace defaults for fewer resources',
        {
          resourceQuota: quota({ limitsCpu: '4', limitsMemory: '8Gi' }),
          namespaceDefaultResourceQuota: quota({ limitsCpu: '1' }),
        },
        {
          code: 'MissingRequired',
          message: 'does not have all fields defined on a resourceQuota',
        },
      ],
      [
        'namespace defaults for other resources',
        {
          resourceQuota: quota({ limitsCpu: '4' }),
          namespaceDefaultResourceQuota: quota({ limitsMemory: '1Gi' }),
        },
        {
          code: 'MissingRequired',
          message: 'misses limitsCpu defined on a resourceQuota',
        },
      ],
      [
        'a namespace default above the project limit',
        {
          resourceQuota: quota({ limitsCpu: '2', limitsMemory: '2Gi' }),
          namespaceDefaultResourceQuota: quota({
            limitsCpu: '2500m',
            limitsMemory: '2G',
          }),
        },
        {
          code: 'MaxLimitExceeded',
          fieldName: 'namespaceDefaultResourceQuota',
          message:
            'namespace default quota limit exceeds project limit on fields: limitsCpu=2500m',
        },
      ],
      [
        'a malformed quantity',
        {
          resourceQuota: quota({ limitsMemory: '2 GB' }),
          namespaceDefaultResourceQuota: quota({ limitsMemory: '1Gi' }),
        },
        { code: 'InvalidFormat', fieldName: 'resourceQuota' },
      ],
      [
        'container requests above container limits',
        {
          containerDefaultResourceLimit: {
            requestsMemory: '1Gi',
            limitsMemory: '512Mi',
          },
        },
        {
          code: 'MaxLimitExceeded',
          fieldName: 'containerDefaultResourceLimit',
          message: 'requested memory 1Gi is greater than limit 512Mi',
        },
      ],
    ])('refuses %s with 422', async (_case, fields, error) => {
      const { rancher, createProject } = setup();
      const refused = await createProject({ name: 'payments', ...fields });
      expect(refused).toMatchObject({
        status: 422,
        body: { type: 'error', status: 422, ...error },
      });
      expect(rancher.state.projects).toEqual([]);
      expect(rancher.violations).toHaveLength(1);
    });

    it('accepts namespace defaults equal to the limits, in other units', async () => {
      const { createProject } = setup();
      const created = await createProject({
        name: 'payments',
        resourceQuota: quota({
          limitsCpu: '1',
          limitsMemory: '1Gi',
          requestsStorage: '1G',
        }),
        namespaceDefaultResourceQuota: quota({
          limitsCpu: '1000m',
          limitsMemory: '1024Mi',
          requestsStorage: '1000M',
        }),
      });
      expect(created.status).toBe(201);
    });
  });

  describe('project role template bindings', () => {
    async function withProject() {
      const context = setup();
      const { body } = await context.createProject({ name: 'payments' });
      return { ...context, projectId: body.id as string };
    }
    const bind = (api: any, body: Record<string, unknown>) =>
      api('POST', '/v3/projectroletemplatebindings', { body });

    it('binds a user principal and a group principal, and lists them by project', async () => {
      const { rancher, api, projectId } = await withProject();
      const user = await bind(api, {
        projectId,
        roleTemplateId: 'project-member',
        userPrincipalId: 'openldap_user://uid=kim,ou=people,dc=acme,dc=example',
      });
      expect(user.status).toBe(201);
      expect(user.body).toMatchObject({
        type: 'projectRoleTemplateBinding',
        projectId,
        roleTemplateId: 'project-member',
        userPrincipalId: 'openldap_user://uid=kim,ou=people,dc=acme,dc=example',
      });
      expect(user.body.userId).toMatch(/^u-/);
      expect(user.body.id).toMatch(
        new RegExp(`^${projectId.split(':')[1]}:prtb-[a-z0-9]{5}$`),
      );
      const group = await bind(api, {
        projectId,
        roleTemplateId: 'read-only',
        groupPrincipalId:
          'openldap_group://cn=team-payments,ou=groups,dc=acme,dc=example',
      });
      expect(group.status).toBe(201);
      expect(group.body.userId).toBeUndefined();

      const listed = await api(
        'GET',
        `/v3/projectroletemplatebindings?projectId=${encodeURIComponent(
          projectId,
        )}`,
      );
      expect(listed.body.data.map((b: any) => b.roleTemplateId).sort()).toEqual(
        ['project-member', 'project-owner', 'read-only'],
      );
      expect(rancher.violations).toEqual([]);
    });

    it('fills in the user id of a local principal', async () => {
      const { api, projectId } = await withProject();
      const created = await bind(api, {
        projectId,
        roleTemplateId: 'project-owner',
        userPrincipalId: 'local://u-jdoe',
      });
      expect(created.body.userId).toBe('u-jdoe');
      const byId = await bind(api, {
        projectId,
        roleTemplateId: 'read-only',
        userId: 'u-maria',
      });
      expect(byId.body).toMatchObject({
        userId: 'u-maria',
        userPrincipalId: 'local://u-maria',
      });
    });

    it('creates duplicates, as Rancher does', async () => {
      const { rancher, api, projectId } = await withProject();
      const body = {
        projectId,
        roleTemplateId: 'project-member',
        userPrincipalId: 'local://u-jdoe',
      };
      expect((await bind(api, body)).status).toBe(201);
      expect((await bind(api, body)).status).toBe(201);
      expect(
        rancher.state.projectRoleTemplateBindings.filter(
          b => b.userPrincipalId === 'local://u-jdoe',
        ),
      ).toHaveLength(2);
    });

    it.each([
      ['no subject', {}, 'MissingRequired'],
      [
        'a user and a group',
        {
          userPrincipalId: 'local://u-jdoe',
          groupPrincipalId:
            'openldap_group://cn=team-payments,ou=groups,dc=acme,dc=example',
        },
        'InvalidFormat',
      ],
      [
        'an unknown role template',
        { roleTemplateId: 'cluster-owner', userPrincipalId: 'local://u-jdoe' },
        'InvalidFormat',
      ],
      [
        'an unknown principal',
        { userPrincipalId: 'local://u-ghost' },
        'InvalidFormat',
      ],
      ['an unknown user id', { userId: 'u-ghost' }, 'InvalidFormat'],
    ])('refuses %s with 422', async (_case, fields, code) => {
      const { rancher, api, projectId } = await withProject();
      const refused = await bind(api, {
        projectId,
        roleTemplateId: 'project-member',
        ...fields,
      });
      expect(refused).toMatchObject({
        status: 422,
        body: { type: 'error', code },
      });
      expect(rancher.state.projectRoleTemplateBindings).toHaveLength(1);
      expect(rancher.violations).toHaveLength(1);
    });

    it('refuses an unknown project as an invalid reference', async () => {
      const { api } = await withProject();
      const refused = await bind(api, {
        projectId: 'c-m-abc12:p-ghost',
        roleTemplateId: 'project-member',
        userPrincipalId: 'local://u-jdoe',
      });
      expect(refused.body).toMatchObject({
        status: 422,
        fieldName: 'projectId',
        message:
          'InvalidReference 422: Not found type: project id: c-m-abc12:p-ghost',
      });
    });
  });

  describe('failNext and unknown paths', () => {
    it('fails the next matching request with a norman error before changing state', async () => {
      const { rancher, createProject } = setup();
      rancher.failNext({ method: 'POST', path: /^\/v3\/projects$/ }, 503);
      const failed = await createProject({ name: 'payments' });
      expect(failed).toMatchObject({
        status: 503,
        body: { type: 'error', code: 'ClusterUnavailable' },
      });
      expect(rancher.state.projects).toEqual([]);
      expect((await createProject({ name: 'payments' })).status).toBe(201);
    });

    it('records unhandled v3 requests', async () => {
      const { rancher, api } = setup();
      expect((await api('GET', '/v3/clusterroletemplatebindings')).status).toBe(
        404,
      );
      expect(rancher.violations).toEqual([
        'unhandled Rancher request GET /v3/clusterroletemplatebindings',
      ]);
    });
  });
});
