/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expect*"] }] */
import { ConfigReader } from '@backstage/config';
import {
  HarborClient,
  HarborClientFactory,
  ProjectScope,
  issueBoundRobot,
  readHarborProjectStamps,
  requireHarborProject,
  requireStampedHarborProject,
  stampHarborProject,
} from '@wombat/plugin-wombat-node';
import { SANDBOX_CREDENTIALS } from '../credentials';
import { startSandbox, type Sandbox } from '../startSandbox';
import { basicAuth, send, type HttpAnswer } from './httpHelpers';

/**
 * The Harbor simulator over real HTTP, against the Harbor v2.0 API as
 * goharbor/harbor v2.15.2 serves it: what Harbor accepts is accepted with
 * Harbor's answer, what it refuses is refused the same way.
 */

const ADMIN = SANDBOX_CREDENTIALS.harbor;

type Call = {
  body?: unknown;
  /** `user:password`; null sends no Authorization header. */
  credentials?: string | null;
  /** Sends `X-Is-Resource-Name: true`, as a client passing names must; default true. */
  byName?: boolean;
  headers?: Record<string, string>;
};

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ proxmox: { taskMs: 30, agentReadyMs: 60 } });
});
afterAll(() => sandbox.stop());

function harbor(method: string, path: string, call: Call = {}) {
  const credentials =
    call.credentials === undefined
      ? `${ADMIN.username}:${ADMIN.password}`
      : call.credentials;
  const [username, ...password] = (credentials ?? '').split(':');
  return send(`${sandbox.urls.harbor}/api/v2.0${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(credentials === null
        ? {}
        : { authorization: basicAuth(username, password.join(':')) }),
      ...(call.byName === false ? {} : { 'x-is-resource-name': 'true' }),
      ...(call.body === undefined
        ? {}
        : { 'content-type': 'application/json' }),
      ...call.headers,
    },
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
}

/** Harbor's error envelope, `{"errors":[{"code","message"}]}`, with that status and code. */
function expectHarborError(
  answer: HttpAnswer,
  status: number,
  code: string,
  message: string | RegExp = /\S/,
) {
  expect({ status: answer.status, body: answer.json }).toEqual({
    status,
    body: {
      errors: [
        {
          code,
          message:
            typeof message === 'string'
              ? message
              : expect.stringMatching(message),
        },
      ],
    },
  });
}

async function projectExists(name: string): Promise<boolean> {
  const answer = await harbor(
    'HEAD',
    `/projects?project_name=${encodeURIComponent(name)}`,
  );
  expect([200, 404]).toContain(answer.status);
  return answer.status === 200;
}

async function projectId(name: string): Promise<number> {
  const answer = await harbor('GET', `/projects/${name}`);
  expect(answer.status).toBe(200);
  return answer.json.project_id;
}

const violations = () => sandbox.state().violations.harbor;

const projectRobot = (project: string, name: string) => ({
  name,
  description: 'CI pushes images',
  level: 'project',
  duration: -1,
  disable: false,
  permissions: [
    {
      kind: 'project',
      namespace: project,
      access: [
        { resource: 'repository', action: 'pull' },
        { resource: 'repository', action: 'push' },
      ],
    },
  ],
});

const webhookPolicy = (name: string, eventTypes = ['PUSH_ARTIFACT']) => ({
  name,
  description: 'Tell CI about pushes',
  enabled: true,
  event_types: eventTypes,
  targets: [
    {
      type: 'http',
      address: 'https://ci.example.com/harbor-hook',
      skip_cert_verify: false,
    },
  ],
});

describe('Harbor contract: authentication', () => {
  it('answers an authenticated call, and 401 UNAUTHORIZED without credentials or with a wrong password', async () => {
    const allowed = await harbor('GET', '/projects/payments');
    expect(allowed.status).toBe(200);
    expect(allowed.json.name).toBe('payments');

    for (const credentials of [null, `${ADMIN.username}:wrong-password`]) {
      const refused = await harbor('GET', '/projects/payments', {
        credentials,
      });
      expectHarborError(refused, 401, 'UNAUTHORIZED', 'unauthorized');
      const head = await harbor('HEAD', '/projects?project_name=payments', {
        credentials,
      });
      expect(head.status).toBe(401);
      expect(head.text).toBe('');
    }
  });

  it('creates nothing for an unauthenticated POST, and records the violation', async () => {
    const before = violations().length;
    const refused = await harbor('POST', '/projects', {
      credentials: null,
      body: { project_name: 'contract-anon' },
    });
    expectHarborError(refused, 401, 'UNAUTHORIZED');
    expect(await projectExists('contract-anon')).toBe(false);
    expect(violations().slice(before)).toEqual([
      expect.stringMatching(/missing or wrong Basic credentials/),
    ]);
  });

  it('refuses unsafe calls that carry the session cookie with 403 (CSRF), but not safe ones', async () => {
    const withSession = { cookie: 'sid=0123456789abcdef' };
    const post = await harbor('POST', '/projects', {
      body: { project_name: 'contract-csrf' },
      headers: withSession,
    });
    expectHarborError(post, 403, 'FORBIDDEN');
    expect(await projectExists('contract-csrf')).toBe(false);

    const get = await harbor('GET', '/projects/payments', {
      headers: withSession,
    });
    expect(get.status).toBe(200);
    // Harbor skips the CSRF check for API calls without a session: another
    // cookie does not trigger it, though a Basic client should send none.
    const otherCookie = await harbor('POST', '/projects', {
      body: { project_name: 'contract-csrf' },
      headers: { cookie: 'theme=dark' },
    });
    expect(otherCookie.status).toBe(201);
    expect(violations()).toEqual(
      expect.arrayContaining([expect.stringMatching(/sends a Cookie header/)]),
    );
  });
});

describe('Harbor contract: projects', () => {
  it('creates a project: 201, empty body, Location with the new id', async () => {
    const created = await harbor('POST', '/projects', {
      body: {
        project_name: 'contract-a',
        metadata: { public: 'false', auto_scan: 'true' },
        storage_limit: 10737418240,
      },
    });
    expect(created.status).toBe(201);
    expect(created.text).toBe('');
    const location = created.headers.get('location') ?? '';
    expect(location).toMatch(/^\/api\/v2\.0\/projects\/\d+$/);
    const id = Number(location.split('/').pop());

    const shown = await harbor('GET', '/projects/contract-a');
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toMatch(/^application\/json/);
    expect(shown.json).toMatchObject({
      project_id: id,
      name: 'contract-a',
      metadata: { public: 'false', auto_scan: 'true' },
      repo_count: 0,
    });
    // Every metadata value is a string, booleans too.
    for (const value of Object.values(shown.json.metadata)) {
      expect(typeof value).toBe('string');
    }
    expect(Date.parse(shown.json.creation_time)).not.toBeNaN();

    // By id: an all-digit reference without X-Is-Resource-Name is an id.
    const byId = await harbor('GET', `/projects/${id}`, { byName: false });
    expect(byId.json.name).toBe('contract-a');
  });

  it('names the project in Location with X-Resource-Name-In-Location: true', async () => {
    const created = await harbor('POST', '/projects', {
      body: { project_name: 'contract-b' },
      headers: { 'x-resource-name-in-location': 'true' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(
      '/api/v2.0/projects/contract-b',
    );
    const shown = await harbor('GET', '/projects/contract-b');
    expect(shown.json.metadata).toEqual({ public: 'false' });
  });

  it('reads an all-digit project name only with X-Is-Resource-Name: true', async () => {
    expect(
      (await harbor('POST', '/projects', { body: { project_name: '2024' } }))
        .status,
    ).toBe(201);
    expect((await harbor('GET', '/projects/2024')).json.name).toBe('2024');
    const asId = await harbor('GET', '/projects/2024', { byName: false });
    expectHarborError(asId, 404, 'NOT_FOUND');
  });

  it('checks existence with HEAD: 200 or 404, no body, exact names only', async () => {
    const found = await harbor('HEAD', '/projects?project_name=payments');
    expect(found.status).toBe(200);
    expect(found.text).toBe('');
    for (const name of ['pay', 'payments-x', 'PAYMENTS']) {
      const missing = await harbor(
        'HEAD',
        `/projects?project_name=${encodeURIComponent(name)}`,
      );
      expect(missing.status).toBe(404);
      expect(missing.text).toBe('');
    }
  });

  it('answers 404 NOT_FOUND for a missing project (as a system admin)', async () => {
    const missing = await harbor('GET', '/projects/contract-missing');
    expectHarborError(
      missing,
      404,
      'NOT_FOUND',
      'project contract-missing not found',
    );
  });

  it('answers 409 CONFLICT for a name that exists', async () => {
    const duplicate = await harbor('POST', '/projects', {
      body: { project_name: 'payments', metadata: { public: 'false' } },
    });
    expectHarborError(
      duplicate,
      409,
      'CONFLICT',
      'The project named payments already exists',
    );
  });

  it('refuses a body the swagger refuses with 422 UNPROCESSABLE_ENTITY', async () => {
    for (const body of [
      { project_name: 'contract-422', metadata: { public: true } },
      { project_name: 422 },
      { project_name: 'x'.repeat(256) },
    ]) {
      const refused = await harbor('POST', '/projects', { body });
      expectHarborError(
        refused,
        422,
        'UNPROCESSABLE_ENTITY',
        /^validation failure list:\n/,
      );
    }
    expect(await projectExists('contract-422')).toBe(false);
  });

  it('refuses what Harbor’s own rules refuse with 400 BAD_REQUEST', async () => {
    expectHarborError(
      await harbor('POST', '/projects', {
        body: { project_name: 'Contract_Upper' },
      }),
      400,
      'BAD_REQUEST',
      'project name is not in lower case or contains illegal characters',
    );
    expectHarborError(
      await harbor('POST', '/projects', {
        body: { project_name: 'contract-yes', metadata: { public: 'yes' } },
      }),
      400,
      'BAD_REQUEST',
      /metadata\.public/,
    );
    expect(await projectExists('contract-yes')).toBe(false);
  });
});

describe('Harbor contract: members', () => {
  it('adds a user and a group: 201, empty body, Location; lists them', async () => {
    const user = await harbor('POST', '/projects/web-shop/members', {
      body: { role_id: 2, member_user: { username: 'ada' } },
    });
    expect(user.status).toBe(201);
    expect(user.text).toBe('');
    expect(user.headers.get('location')).toMatch(
      /^\/api\/v2\.0\/projects\/web-shop\/members\/\d+$/,
    );
    const group = await harbor('POST', '/projects/web-shop/members', {
      body: {
        role_id: 3,
        member_group: { group_name: 'auditors', group_type: 1 },
      },
    });
    expect(group.status).toBe(201);

    const listed = await harbor(
      'GET',
      '/projects/web-shop/members?entityname=ada',
    );
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual([
      expect.objectContaining({
        id: Number(user.headers.get('location')!.split('/').pop()),
        entity_name: 'ada',
        entity_type: 'u',
        role_id: 2,
      }),
    ]);
    const all = await harbor('GET', '/projects/web-shop/members');
    expect(all.headers.get('x-total-count')).toBe(String(all.json.length));
    expect(all.json).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entity_name: 'auditors', entity_type: 'g' }),
      ]),
    );
  });

  it('answers 409 for a member that exists and 404 for an unknown user or project', async () => {
    expectHarborError(
      await harbor('POST', '/projects/payments/members', {
        body: { role_id: 2, member_user: { username: 'jdoe' } },
      }),
      409,
      'CONFLICT',
      'The project member specified already exist',
    );
    expectHarborError(
      await harbor('POST', '/projects/payments/members', {
        body: { role_id: 2, member_user: { username: 'nobody' } },
      }),
      404,
      'NOT_FOUND',
      'user nobody is not found',
    );
    expectHarborError(
      await harbor('POST', '/projects/contract-missing/members', {
        body: { role_id: 2, member_user: { username: 'ada' } },
      }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('Harbor contract: robot accounts', () => {
  it('creates a project robot: 201, its full name and the secret, shown only then', async () => {
    const created = await harbor('POST', '/robots', {
      body: projectRobot('payments', 'contract-ci'),
    });
    expect(created.status).toBe(201);
    expect(Object.keys(created.json).sort()).toEqual([
      'creation_time',
      'expires_at',
      'id',
      'name',
      'secret',
    ]);
    expect(created.json).toMatchObject({
      name: 'robot$payments+contract-ci',
      expires_at: -1,
      secret: expect.stringMatching(/^[A-Za-z0-9]{8,}$/),
    });
    expect(created.headers.get('location')).toBe(
      `/api/v2.0/robots/${created.json.id}`,
    );

    const paymentsId = await projectId('payments');
    const listed = await harbor(
      'GET',
      `/robots?q=${encodeURIComponent(
        `Level=project,ProjectID=${paymentsId}`,
      )}`,
    );
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual([
      // The seed's stamp, as Wombat leaves it: disabled.
      expect.objectContaining({ name: 'robot$payments+wombat', disable: true }),
      expect.objectContaining({
        id: created.json.id,
        name: 'robot$payments+contract-ci',
        level: 'project',
        duration: -1,
        permissions: [
          expect.objectContaining({ kind: 'project', namespace: 'payments' }),
        ],
      }),
    ]);
    expect(listed.json[0]).not.toHaveProperty('secret');
    expect(listed.text).not.toContain(created.json.secret);

    // A new secret is only shown by the PATCH that makes it.
    const refreshed = await harbor('PATCH', `/robots/${created.json.id}`, {
      body: {},
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.secret).toMatch(/^[A-Za-z0-9]{8,}$/);
    expect(refreshed.json.secret).not.toBe(created.json.secret);
  });

  it('creates every robot enabled, and changes description and disable only with PUT', async () => {
    const created = await harbor('POST', '/robots', {
      body: { ...projectRobot('payments', 'contract-marker'), disable: true },
    });
    expect(created.status).toBe(201);
    const robot = await harbor('GET', `/robots/${created.json.id}`);
    expect(robot.json).toMatchObject({
      name: 'robot$payments+contract-marker',
      description: 'CI pushes images',
      disable: false,
    });

    const updated = await harbor('PUT', `/robots/${created.json.id}`, {
      body: { ...robot.json, description: 'marker', disable: true },
    });
    expect(updated.status).toBe(200);
    expect(
      (await harbor('GET', `/robots/${created.json.id}`)).json,
    ).toMatchObject({ description: 'marker', disable: true });

    expectHarborError(
      await harbor('PUT', `/robots/${created.json.id}`, {
        body: { ...robot.json, name: 'contract-marker' },
      }),
      400,
      'BAD_REQUEST',
      'cannot update the level or name of robot',
    );
  });

  it('answers 409 for a robot name the project already has', async () => {
    const body = projectRobot('risk-engine', 'contract-dup');
    expect((await harbor('POST', '/robots', { body })).status).toBe(201);
    expectHarborError(
      await harbor('POST', '/robots', { body }),
      409,
      'CONFLICT',
      /already exists/,
    );
  });

  it('refuses permissions Harbor does not grant with 400', async () => {
    const badAction = projectRobot('payments', 'contract-bad');
    badAction.permissions[0].access = [
      { resource: 'repository', action: 'fly' },
    ];
    expectHarborError(
      await harbor('POST', '/robots', { body: badAction }),
      400,
      'BAD_REQUEST',
      'bad request permission: repository:fly',
    );
    const twoEntries = projectRobot('payments', 'contract-two');
    twoEntries.permissions.push({ ...twoEntries.permissions[0] });
    expectHarborError(
      await harbor('POST', '/robots', { body: twoEntries }),
      400,
      'BAD_REQUEST',
    );
    expectHarborError(
      await harbor('POST', '/robots', {
        body: { ...projectRobot('payments', 'Contract Bad') },
      }),
      400,
      'BAD_REQUEST',
      /robot name/,
    );
  });
});

describe('Harbor contract: webhook policies', () => {
  it('creates a policy: 201, empty body, Location; lists it', async () => {
    const created = await harbor(
      'POST',
      '/projects/payments/webhook/policies',
      {
        body: webhookPolicy('contract-hook'),
      },
    );
    expect(created.status).toBe(201);
    expect(created.text).toBe('');
    expect(created.headers.get('location')).toMatch(
      /^\/api\/v2\.0\/projects\/payments\/webhook\/policies\/\d+$/,
    );
    const listed = await harbor('GET', '/projects/payments/webhook/policies');
    expect(listed.status).toBe(200);
    expect(listed.json).toEqual([
      expect.objectContaining({
        name: 'contract-hook',
        enabled: true,
        event_types: ['PUSH_ARTIFACT'],
        targets: [
          expect.objectContaining({
            type: 'http',
            address: 'https://ci.example.com/harbor-hook',
          }),
        ],
      }),
    ]);
  });

  it('refuses unsupported or empty event types with 400, and a duplicate name with 409', async () => {
    expectHarborError(
      await harbor('POST', '/projects/payments/webhook/policies', {
        body: webhookPolicy('contract-bad', ['PUSH_IMAGE']),
      }),
      400,
      'BAD_REQUEST',
      'unsupported event type PUSH_IMAGE',
    );
    expectHarborError(
      await harbor('POST', '/projects/payments/webhook/policies', {
        body: webhookPolicy('contract-empty', []),
      }),
      400,
      'BAD_REQUEST',
      'empty event type',
    );
    const body = webhookPolicy('contract-twice');
    await harbor('POST', '/projects/web-shop/webhook/policies', { body });
    expectHarborError(
      await harbor('POST', '/projects/web-shop/webhook/policies', { body }),
      409,
      'CONFLICT',
    );
  });
});

describe('Harbor contract: Wombat’s HarborClient', () => {
  let client: HarborClient;
  beforeEach(async () => {
    await sandbox.reset();
    client = HarborClientFactory.fromConfig(
      new ConfigReader(sandbox.appConfig()),
    ).forInstance();
  });

  it('sets up a project with members, a robot and a webhook without a single violation', async () => {
    expect(await client.projectExists('contract-svc')).toBe(false);
    await expect(
      requireHarborProject(client, 'contract-svc'),
    ).rejects.toMatchObject({ name: 'InputError' });

    const id = await client.createProject({
      project_name: 'contract-svc',
      metadata: { public: 'false' },
    });
    expect(await client.projectExists('contract-svc')).toBe(true);
    const project = await requireHarborProject(client, 'contract-svc');
    expect(project).toMatchObject({
      project_id: id,
      name: 'contract-svc',
      metadata: { public: 'false' },
    });
    expect(await client.getProject('contract-nope')).toBeUndefined();

    await client.addProjectMember('contract-svc', {
      role_id: 4,
      member_user: { username: 'maria' },
    });
    await client.addProjectMember('contract-svc', {
      role_id: 2,
      member_group: { group_name: 'team-payments', group_type: 1 },
    });
    expect(
      (await client.listProjectMembers('contract-svc')).map(m => [
        m.entity_name,
        m.entity_type,
        m.role_id,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['maria', 'u', 4],
        ['team-payments', 'g', 2],
      ]),
    );

    // The project's stamp: a marker robot, created and then disabled.
    const scope: ProjectScope = {
      ref: 'project:default/contract-svc',
      namespace: 'default',
      name: 'contract-svc',
      systemName: 'contract-svc',
      stamp: 'wombat-project.default.contract-svc',
      isNew: false,
      requester: { isService: true, isAdmin: true, mayStartProjects: true },
    };
    await stampHarborProject(client, { id, name: 'contract-svc' }, scope.stamp);
    expect(
      await readHarborProjectStamps(client, { id, name: 'contract-svc' }),
    ).toEqual([scope.ref]);
    await expect(
      requireStampedHarborProject(client, scope, 'contract-svc'),
    ).resolves.toMatchObject({ project_id: id });

    const robotRequest = {
      scope,
      project: { id, name: 'contract-svc' },
      name: 'ci',
      permissions: ['push' as const],
      durationDays: 30,
      target: {
        kind: 'gitlab' as const,
        host: 'gitlab.example.com',
        path: 'contract-svc/api',
      },
      isDelivered: async () => false,
    };
    const created = await issueBoundRobot(client, robotRequest);
    expect(created).toMatchObject({
      name: 'robot$contract-svc+ci',
      created: true,
      delivered: false,
    });
    // Harbor shows a secret once: asking again for an undelivered robot of
    // the same target refreshes it.
    const again = await issueBoundRobot(client, robotRequest);
    expect(again).toMatchObject({ id: created.id, created: false });
    expect(again.delivered === false && again.secret).not.toBe(
      created.delivered === false && created.secret,
    );
    expect(await client.listProjectRobots(id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'robot$contract-svc+wombat',
          disable: true,
        }),
        expect.objectContaining({
          id: created.id,
          duration: 30,
          disable: false,
          description:
            '[wombat: wombat-project.default.contract-svc delivers to gitlab:gitlab.example.com/contract-svc/api]',
        }),
      ]),
    );

    const policyId = await client.createWebhookPolicy('contract-svc', {
      name: 'ci',
      enabled: true,
      event_types: ['PUSH_ARTIFACT', 'SCANNING_COMPLETED'],
      targets: [{ type: 'http', address: 'https://ci.example.com/hook' }],
    });
    expect(await client.listWebhookPolicies('contract-svc')).toEqual([
      expect.objectContaining({ id: policyId, name: 'ci', enabled: true }),
    ]);

    expect(violations()).toEqual([]);
  });

  it('turns Harbor’s refusals into Backstage errors carrying Harbor’s message', async () => {
    await expect(
      client.createProject({ project_name: 'payments' }),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /failed with 409: The project named payments already exists$/,
      ),
    });
    await expect(
      client.createProject({ project_name: 'Payments' }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/failed with 400: project name is not/),
    });
    await expect(
      client.addProjectMember('payments', {
        role_id: 2,
        member_user: { username: 'nobody' },
      }),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringMatching(/user nobody is not found/),
    });
    await expect(
      client.createWebhookPolicy('payments', {
        name: 'x',
        enabled: true,
        event_types: ['PUSH_IMAGE'],
        targets: [{ type: 'http', address: 'https://ci.example.com/hook' }],
      }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/unsupported event type PUSH_IMAGE/),
    });

    const wrongPassword = new HarborClient({
      ...sandbox.appConfig().wombat.harbor.instances[0],
      password: 'wrong-password',
    });
    await expect(wrongPassword.projectExists('payments')).rejects.toMatchObject(
      {
        name: 'AuthenticationError',
        message: expect.stringMatching(/failed with 401: Unauthorized$/),
      },
    );
    await expect(wrongPassword.getProject('payments')).rejects.toMatchObject({
      name: 'AuthenticationError',
      message: expect.stringMatching(/failed with 401: unauthorized$/),
    });
  });
});
