import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { createFakeRancher } from './FakeRancher';

const server = setupServer();
registerMswTestHooks(server);

const CLUSTER = '/k8s/clusters/c-m-abc12';
const RBAC = '/apis/rbac.authorization.k8s.io/v1';
const GROUP = 'openldap_group://cn=team-payments,ou=groups,dc=acme,dc=example';
const KIM = 'openldap_user://uid=kim,ou=people,dc=acme,dc=example';
const OWNER_LABEL = 'authz.cluster.cattle.io/rtb-owner-updated';

function setup() {
  const rancher = createFakeRancher();
  server.use(...rancher.handlers);

  async function api(method: string, path: string, body?: unknown) {
    // A string is sent as it is, to test bodies that are not JSON.
    const payload = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await fetch(`${rancher.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${rancher.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : payload,
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
  const createNamespace = (name: string, projectId?: string) =>
    kube('POST', '/api/v1/namespaces', {
      metadata: {
        name,
        ...(projectId
          ? { annotations: { 'field.cattle.io/projectId': projectId } }
          : {}),
      },
    });
  const createRoleBinding = (namespace: string, body: unknown) =>
    kube('POST', `${RBAC}/namespaces/${namespace}/rolebindings`, body);
  const createProject = async (name: string) =>
    (await api('POST', '/v3/projects', { name, clusterId: 'c-m-abc12' })).body;
  const bind = (projectId: string, binding: Record<string, string>) =>
    api('POST', '/v3/projectroletemplatebindings', { projectId, ...binding });
  const roleBindingsIn = (namespace: string) =>
    rancher.state.kube['c-m-abc12'].roleBindings.filter(
      rb => rb.metadata.namespace === namespace,
    );

  return {
    rancher,
    api,
    kube,
    createNamespace,
    createRoleBinding,
    createProject,
    bind,
    roleBindingsIn,
  };
}

const viewers = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'RoleBinding',
  metadata: { name: 'payments-viewers' },
  roleRef: { kind: 'ClusterRole', name: 'view' },
  subjects: [
    { kind: 'Group', name: GROUP },
    { kind: 'ServiceAccount', name: 'ci', namespace: 'payments-dev' },
  ],
};

describe('createFakeRancher RoleBindings', () => {
  describe('the rbac.authorization.k8s.io/v1 API', () => {
    it('creates a RoleBinding with the defaults and additions of the API server, and reads and lists it', async () => {
      const { rancher, kube, createNamespace, createRoleBinding } = setup();
      await createNamespace('payments-dev');
      await createNamespace('web-shop-dev');
      const created = await createRoleBinding('payments-dev', viewers);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'payments-viewers', namespace: 'payments-dev' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'view',
        },
        subjects: [
          { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: GROUP },
          { kind: 'ServiceAccount', name: 'ci', namespace: 'payments-dev' },
        ],
      });
      expect(created.body.subjects[1].apiGroup).toBeUndefined();
      expect(created.body.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
      expect(created.body.metadata.resourceVersion).toMatch(/^\d+$/);
      expect(created.body.metadata.creationTimestamp).toMatch(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
      );
      await createRoleBinding('web-shop-dev', {
        metadata: { name: 'web-editors' },
        roleRef: { kind: 'ClusterRole', name: 'edit' },
      });

      expect(
        (
          await kube(
            'GET',
            `${RBAC}/namespaces/payments-dev/rolebindings/payments-viewers`,
          )
        ).body,
      ).toEqual(created.body);
      const inNamespace = await kube(
        'GET',
        `${RBAC}/namespaces/payments-dev/rolebindings`,
      );
      expect(inNamespace.body).toMatchObject({
        kind: 'RoleBindingList',
        apiVersion: 'rbac.authorization.k8s.io/v1',
        items: [{ metadata: { name: 'payments-viewers' } }],
      });
      expect(inNamespace.body.items).toHaveLength(1);
      const everywhere = await kube('GET', `${RBAC}/rolebindings`);
      expect(
        everywhere.body.items.map((rb: any) => rb.metadata.name).sort(),
      ).toEqual(['payments-viewers', 'web-editors']);
      // `subjects` is omitempty in Go.
      expect(everywhere.body.items[1].subjects).toBeUndefined();
      expect(rancher.state.kube['c-m-abc12'].roleBindings).toHaveLength(2);
      expect(rancher.violations).toEqual([]);
    });

    it('takes names that are only URL path segments, as RBAC names may be', async () => {
      const { rancher, createNamespace, createRoleBinding } = setup();
      await createNamespace('payments-dev');
      const created = await createRoleBinding('payments-dev', {
        ...viewers,
        metadata: { name: 'Payments:Viewers' },
      });
      expect(created.status).toBe(201);
      expect(rancher.violations).toEqual([]);
    });

    it('answers 409 AlreadyExists and 404 NotFound with group-qualified Status bodies', async () => {
      const { rancher, kube, createNamespace, createRoleBinding } = setup();
      await createNamespace('payments-dev');
      await createRoleBinding('payments-dev', viewers);
      const again = await createRoleBinding('payments-dev', viewers);
      expect(again).toMatchObject({
        status: 409,
        body: {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'AlreadyExists',
          code: 409,
          message:
            'rolebindings.rbac.authorization.k8s.io "payments-viewers" already exists',
          details: {
            name: 'payments-viewers',
            group: 'rbac.authorization.k8s.io',
            kind: 'rolebindings',
          },
        },
      });
      const missingNamespace = await createRoleBinding('ghost', viewers);
      expect(missingNamespace).toMatchObject({
        status: 404,
        body: { reason: 'NotFound', message: 'namespaces "ghost" not found' },
      });
      const missing = await kube(
        'GET',
        `${RBAC}/namespaces/payments-dev/rolebindings/nope`,
      );
      expect(missing).toMatchObject({
        status: 404,
        body: {
          message: 'rolebindings.rbac.authorization.k8s.io "nope" not found',
        },
      });
      expect(roleBindingsOf(rancher)).toEqual(['payments-viewers']);
      expect(rancher.violations).toEqual([]);
    });

    it('refuses a bad name, a missing roleRef and an unknown subject kind with 422 Invalid and causes', async () => {
      const { rancher, createNamespace, createRoleBinding } = setup();
      await createNamespace('payments-dev');
      const badName = await createRoleBinding('payments-dev', {
        ...viewers,
        metadata: { name: 'payments/viewers' },
      });
      expect(badName).toMatchObject({
        status: 422,
        body: {
          kind: 'Status',
          reason: 'Invalid',
          code: 422,
          message:
            'RoleBinding.rbac.authorization.k8s.io "payments/viewers" is invalid: metadata.name: Invalid value: "payments/viewers": may not contain \'/\'',
          details: {
            name: 'payments/viewers',
            group: 'rbac.authorization.k8s.io',
            kind: 'RoleBinding',
            causes: [
              {
                reason: 'FieldValueInvalid',
                message:
                  'Invalid value: "payments/viewers": may not contain \'/\'',
                field: 'metadata.name',
              },
            ],
          },
        },
      });

      const noRoleRef = await createRoleBinding('payments-dev', {
        metadata: { name: 'viewers' },
        subjects: [{ kind: 'Users', name: 'jdoe' }],
      });
      expect(noRoleRef.status).toBe(422);
      expect(noRoleRef.body.details.causes).toEqual([
        {
          reason: 'FieldValueNotSupported',
          message:
            'Unsupported value: "": supported values: "Role", "ClusterRole"',
          field: 'roleRef.kind',
        },
        {
          reason: 'FieldValueRequired',
          message: 'Required value',
          field: 'roleRef.name',
        },
        {
          reason: 'FieldValueNotSupported',
          message:
            'Unsupported value: "Users": supported values: "ServiceAccount", "User", "Group"',
          field: 'subjects[0].kind',
        },
      ]);
      expect(noRoleRef.body.message).toMatch(
        /^RoleBinding.rbac.authorization.k8s.io "viewers" is invalid: \[roleRef.kind: Unsupported value/,
      );

      const otherGroup = await createRoleBinding('payments-dev', {
        metadata: { name: 'viewers' },
        roleRef: { apiGroup: 'rbac', kind: 'ClusterRole', name: 'view' },
        subjects: [{ kind: 'User', name: '' }],
      });
      expect(
        otherGroup.body.details.causes.map((cause: any) => cause.field),
      ).toEqual(['roleRef.apiGroup', 'subjects[0].name', 'subjects[0].name']);
      expect(roleBindingsOf(rancher)).toEqual([]);
      expect(rancher.violations).toHaveLength(3);
    });

    it('refuses bodies it cannot decode with 400', async () => {
      const { rancher, createNamespace, createRoleBinding } = setup();
      await createNamespace('payments-dev');
      const notAList = await createRoleBinding('payments-dev', {
        ...viewers,
        subjects: { kind: 'Group', name: GROUP },
      });
      expect(notAList).toMatchObject({
        status: 400,
        body: {
          kind: 'Status',
          reason: 'BadRequest',
          message:
            'RoleBinding in version "v1" cannot be handled as a RoleBinding: json: cannot unmarshal object into Go struct field RoleBinding.subjects of type []v1.Subject',
        },
      });
      const notJson = await createRoleBinding('payments-dev', '{"metadata":');
      expect(notJson.status).toBe(400);
      expect(notJson.body.message).toMatch(/^couldn't get version\/kind/);
      const coreVersion = await createRoleBinding('payments-dev', {
        ...viewers,
        apiVersion: 'v1',
      });
      expect(coreVersion.body).toMatchObject({
        code: 400,
        message:
          'the API version in the data (v1) does not match the expected API version (rbac.authorization.k8s.io/v1)',
      });
      expect(roleBindingsOf(rancher)).toEqual([]);
      expect(rancher.violations).toHaveLength(3);
    });
  });

  describe("Rancher's controller for project role template bindings", () => {
    it('binds every binding of the project in a namespace that joins it', async () => {
      const { rancher, kube, createNamespace, createProject, bind } = setup();
      const project = await createProject('payments');
      const projectPart = project.id.split(':')[1];
      const members = await bind(project.id, {
        roleTemplateId: 'project-member',
        groupPrincipalId: GROUP,
      });
      expect(rancher.state.kube['c-m-abc12'].roleBindings).toEqual([]);

      await createNamespace('payments-dev', project.id);
      const listed = await kube(
        'GET',
        `${RBAC}/namespaces/payments-dev/rolebindings`,
      );
      const byName = Object.fromEntries(
        listed.body.items.map((rb: any) => [rb.metadata.name, rb]),
      );
      // The creator's project-owner binding, and the group's project-member
      // binding, each to the role template's ClusterRole and the one it inherits.
      expect(Object.keys(byName).sort()).toEqual(
        [
          'rb-sswwdefbu3',
          'rb-4krzecjumq',
          'rb-mnplvaspxw',
          'rb-ppemyrlxuw',
        ].sort(),
      );
      expect(byName['rb-sswwdefbu3']).toMatchObject({
        metadata: {
          namespace: 'payments-dev',
          labels: { [OWNER_LABEL]: `${projectPart}_creator-project-owner` },
        },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'project-owner',
        },
        subjects: [
          {
            kind: 'User',
            apiGroup: 'rbac.authorization.k8s.io',
            name: 'user-wombat',
          },
        ],
      });
      expect(byName['rb-4krzecjumq'].roleRef.name).toBe('admin');
      expect(byName['rb-ppemyrlxuw']).toMatchObject({
        metadata: {
          labels: { [OWNER_LABEL]: members.body.id.replace(':', '_') },
        },
        roleRef: { name: 'edit' },
        subjects: [{ kind: 'Group', name: GROUP }],
      });
      expect(byName['rb-ppemyrlxuw'].metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
      expect(rancher.violations).toEqual([]);
    });

    it('binds a new binding in every namespace of its project, and only there, naming the user by id', async () => {
      const { rancher, createNamespace, createProject, bind, roleBindingsIn } =
        setup();
      const payments = await createProject('payments');
      const webShop = await createProject('web-shop');
      await createNamespace('payments-dev', payments.id);
      await createNamespace('payments-test', payments.id);
      await createNamespace('web-shop-dev', webShop.id);
      await createNamespace('scratch');
      const before = roleBindingsIn('web-shop-dev').length;

      const viewer = await bind(payments.id, {
        roleTemplateId: 'read-only',
        userPrincipalId: KIM,
      });
      expect(viewer.status).toBe(201);
      const kimId = viewer.body.userId;
      expect(kimId).toMatch(/^u-/);
      for (const namespace of ['payments-dev', 'payments-test']) {
        const kims = roleBindingsIn(namespace).filter(
          rb => rb.subjects?.[0].name === kimId,
        );
        expect(kims.map(rb => rb.roleRef.name).sort()).toEqual([
          'read-only',
          'view',
        ]);
        expect(kims[0].subjects).toEqual([
          { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: kimId },
        ]);
      }
      expect(roleBindingsIn('web-shop-dev')).toHaveLength(before);
      expect(roleBindingsIn('scratch')).toEqual([]);
      expect(rancher.violations).toEqual([]);
    });

    it('leaves a RoleBinding of the same name in place, and makes none twice', async () => {
      const {
        rancher,
        createNamespace,
        createRoleBinding,
        createProject,
        bind,
        roleBindingsIn,
      } = setup();
      const project = await createProject('payments');
      await createNamespace('payments-dev', project.id);
      // The name Rancher gives the group's project-member RoleBinding there.
      const taken = await createRoleBinding('payments-dev', {
        metadata: { name: 'rb-mnplvaspxw' },
        roleRef: { kind: 'ClusterRole', name: 'view' },
      });
      expect(taken.status).toBe(201);
      const count = roleBindingsIn('payments-dev').length;
      const binding = {
        roleTemplateId: 'project-member',
        groupPrincipalId: GROUP,
      };
      await bind(project.id, binding);
      expect(roleBindingsIn('payments-dev')).toHaveLength(count + 1);
      const kept = roleBindingsIn('payments-dev').find(
        rb => rb.metadata.name === 'rb-mnplvaspxw',
      );
      expect(kept?.roleRef.name).toBe('view');
      expect(kept?.metadata.uid).toBe(taken.body.metadata.uid);
      await bind(project.id, binding);
      expect(roleBindingsIn('payments-dev')).toHaveLength(count + 1);
      expect(rancher.state.projectRoleTemplateBindings).toHaveLength(3);
    });
  });
});

function roleBindingsOf(rancher: ReturnType<typeof createFakeRancher>) {
  return rancher.state.kube['c-m-abc12'].roleBindings.map(
    rb => rb.metadata.name,
  );
}
