import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { createFakeHarbor, type FakeHarborOptions } from './FakeHarbor';

const server = setupServer();
registerMswTestHooks(server);

type Call = {
  body?: unknown;
  credentials?: string | null;
  byName?: boolean;
  headers?: Record<string, string>;
};

function setup(options?: FakeHarborOptions) {
  const harbor = createFakeHarbor(options);
  server.use(...harbor.handlers);

  async function api(method: string, path: string, call: Call = {}) {
    const credentials =
      call.credentials === undefined ? 'admin:Harbor12345' : call.credentials;
    const response = await fetch(`${harbor.baseUrl}/api/v2.0${path}`, {
      method,
      headers: {
        ...(credentials === null
          ? {}
          : {
              authorization: `Basic ${Buffer.from(credentials).toString(
                'base64',
              )}`,
            }),
        ...(call.byName === false ? {} : { 'X-Is-Resource-Name': 'true' }),
        ...(call.body === undefined
          ? {}
          : { 'content-type': 'application/json' }),
        ...call.headers,
      },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: text ? JSON.parse(text) : undefined,
    };
  }

  return { harbor, api };
}

const projectRobot = (project: string, name = 'ci') => ({
  name,
  description: 'CI pushes',
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

describe('createFakeHarbor', () => {
  describe('authentication and transport', () => {
    it('answers 401 with the error envelope without valid Basic credentials', async () => {
      const { harbor, api } = setup();
      const anonymous = await api('GET', '/projects/library', {
        credentials: null,
      });
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toEqual({
        errors: [{ code: 'UNAUTHORIZED', message: 'unauthorized' }],
      });
      expect(
        (await api('GET', '/projects/library', { credentials: 'admin:wrong' }))
          .status,
      ).toBe(401);
      expect(harbor.violations).toHaveLength(2);
    });

    it('flags cookies, and refuses unsafe calls carrying the session cookie', async () => {
      const { harbor, api } = setup();
      expect(
        (
          await api('GET', '/projects/library', {
            headers: { cookie: 'theme=dark' },
          })
        ).status,
      ).toBe(200);
      const post = await api('POST', '/projects', {
        body: { project_name: 'team-a' },
        headers: { cookie: 'sid=0123456789abcdef' },
      });
      expect(post).toMatchObject({
        status: 403,
        body: {
          errors: [{ code: 'FORBIDDEN', message: 'CSRF token invalid' }],
        },
      });
      expect(harbor.state.projects.map(p => p.name)).toEqual(['library']);
      expect(harbor.violations).toHaveLength(2);
    });

    it('records a violation when a project name is sent without X-Is-Resource-Name', async () => {
      const { harbor, api } = setup();
      expect(
        (await api('GET', '/projects/library', { byName: false })).status,
      ).toBe(200);
      expect(harbor.violations).toEqual([
        "GET /projects/library: project name 'library' sent without 'X-Is-Resource-Name: true'",
      ]);
      // Without the header an all-digit value is an id.
      expect(
        (await api('GET', '/projects/1', { byName: false })).body.name,
      ).toBe('library');
      expect(harbor.violations).toHaveLength(1);
    });

    it('records a violation for endpoints it does not implement', async () => {
      const { harbor, api } = setup();
      expect(await api('GET', '/projects/library/repositories')).toMatchObject({
        status: 404,
        body: { errors: [{ code: 'NOT_FOUND' }] },
      });
      expect(harbor.violations).toEqual([
        'unhandled Harbor request GET /projects/library/repositories',
      ]);
    });
  });

  describe('projects', () => {
    it('creates a project: 201, empty body, Location', async () => {
      const { harbor, api } = setup();
      const created = await api('POST', '/projects', {
        body: {
          project_name: 'team-a',
          metadata: { public: 'false', auto_scan: 'true' },
          storage_limit: 10737418240,
        },
      });
      expect(created.status).toBe(201);
      expect(created.text).toBe('');
      expect(created.headers.get('location')).toBe('/api/v2.0/projects/2');

      const project = harbor.state.projects.find(p => p.name === 'team-a')!;
      expect(project.storage_limit).toBe(10737418240);
      const shown = await api('GET', '/projects/team-a');
      expect(shown.body).toMatchObject({
        project_id: 2,
        name: 'team-a',
        owner_id: 1,
        metadata: { public: 'false', auto_scan: 'true' },
        repo_count: 0,
      });
      expect(shown.body.creation_time).toEqual(expect.any(String));
      expect(harbor.violations).toEqual([]);
    });

    it('names the project in Location when asked with X-Resource-Name-In-Location', async () => {
      const { harbor, api } = setup();
      const byName = await api('POST', '/projects', {
        body: { project_name: 'team-a' },
        headers: { 'X-Resource-Name-In-Location': 'true' },
      });
      expect(byName.status).toBe(201);
      expect(byName.headers.get('location')).toBe('/api/v2.0/projects/team-a');
      const notAsked = await api('POST', '/projects', {
        body: { project_name: 'team-b' },
        headers: { 'X-Resource-Name-In-Location': 'false' },
      });
      expect(notAsked.headers.get('location')).toBe('/api/v2.0/projects/3');
      expect(harbor.violations).toEqual([]);
    });

    it('defaults metadata.public to "false" and the storage limit to unlimited', async () => {
      const { harbor, api } = setup();
      await api('POST', '/projects', { body: { project_name: 'team-b' } });
      const project = harbor.state.projects.find(p => p.name === 'team-b')!;
      expect(project.metadata).toEqual({ public: 'false' });
      expect(project.storage_limit).toBe(-1);
    });

    it('checks existence with HEAD', async () => {
      const { api } = setup();
      expect((await api('HEAD', '/projects?project_name=library')).status).toBe(
        200,
      );
      expect((await api('HEAD', '/projects?project_name=nope')).status).toBe(
        404,
      );
      expect((await api('GET', '/projects/nope')).body).toEqual({
        errors: [{ code: 'NOT_FOUND', message: 'project nope not found' }],
      });
    });

    it('answers 409 for a duplicate name', async () => {
      const { harbor, api } = setup();
      await api('POST', '/projects', { body: { project_name: 'team-a' } });
      expect(
        await api('POST', '/projects', { body: { project_name: 'team-a' } }),
      ).toMatchObject({
        status: 409,
        body: {
          errors: [
            {
              code: 'CONFLICT',
              message: 'The project named team-a already exists',
            },
          ],
        },
      });
      expect(harbor.violations).toEqual([]);
    });

    it('refuses bodies that do not match the swagger', async () => {
      const { harbor, api } = setup();
      const booleanPublic = await api('POST', '/projects', {
        body: { project_name: 'team-a', metadata: { public: true } },
      });
      expect(booleanPublic).toMatchObject({
        status: 422,
        body: {
          errors: [
            {
              code: 'UNPROCESSABLE_ENTITY',
              message:
                'validation failure list:\nproject.metadata.public in body must be of type string',
            },
          ],
        },
      });
      expect(
        (await api('POST', '/projects', { body: { project_name: 42 } })).status,
      ).toBe(422);
      expect(harbor.state.projects).toHaveLength(1);
      expect(harbor.violations).toEqual([
        'POST /projects: body does not match the swagger: project.metadata.public in body must be of type string',
        'POST /projects: body does not match the swagger: project.project_name in body must be of type string',
      ]);
    });

    it('applies the server-side rules with 400', async () => {
      const { harbor, api } = setup();
      expect(
        await api('POST', '/projects', { body: { project_name: 'Team_A' } }),
      ).toMatchObject({
        status: 400,
        body: {
          errors: [
            {
              code: 'BAD_REQUEST',
              message:
                'project name is not in lower case or contains illegal characters',
            },
          ],
        },
      });
      expect(
        await api('POST', '/projects', {
          body: { project_name: 'ok', metadata: { public: 'yes' } },
        }),
      ).toMatchObject({ status: 400 });
      expect(harbor.violations).toHaveLength(2);
    });

    it('accepts but flags fields Harbor would ignore', async () => {
      const { harbor, api } = setup();
      const created = await api('POST', '/projects', {
        body: { project_name: 'team-a', metadata: { pubilc: 'true' } },
      });
      expect(created.status).toBe(201);
      expect(harbor.violations).toEqual([
        'POST /projects: project.metadata.pubilc is not in the swagger, Harbor ignores it',
      ]);
    });
  });

  describe('members', () => {
    it('lists the creator, adds users and groups, answers 409 and 404', async () => {
      const { harbor, api } = setup({ groups: ['devs'] });
      await api('POST', '/projects', { body: { project_name: 'team-a' } });
      const initial = await api('GET', '/projects/team-a/members');
      expect(initial.body).toEqual([
        expect.objectContaining({
          entity_name: 'admin',
          entity_type: 'u',
          role_id: 1,
          role_name: 'projectAdmin',
        }),
      ]);

      const added = await api('POST', '/projects/team-a/members', {
        body: { role_id: 2, member_user: { username: 'jdoe' } },
      });
      expect(added.status).toBe(201);
      expect(added.text).toBe('');
      const memberId = harbor.state.projects[1].members[1].id;
      expect(added.headers.get('location')).toBe(
        `/api/v2.0/projects/team-a/members/${memberId}`,
      );
      await api('POST', '/projects/team-a/members', {
        body: {
          role_id: 4,
          member_group: { group_name: 'devs', group_type: 1 },
        },
      });
      expect(
        (await api('GET', '/projects/team-a/members?entityname=jd')).body,
      ).toEqual([
        expect.objectContaining({
          entity_name: 'jdoe',
          entity_type: 'u',
          role_name: 'developer',
        }),
      ]);
      expect(
        await api('POST', '/projects/team-a/members', {
          body: { role_id: 3, member_user: { username: 'jdoe' } },
        }),
      ).toMatchObject({
        status: 409,
        body: {
          errors: [
            {
              code: 'CONFLICT',
              message: 'The project member specified already exist',
            },
          ],
        },
      });
      expect(
        await api('POST', '/projects/team-a/members', {
          body: { role_id: 3, member_user: { username: 'ghost' } },
        }),
      ).toMatchObject({
        status: 404,
        body: { errors: [{ code: 'NOT_FOUND' }] },
      });
      expect(
        (
          await api('POST', '/projects/missing/members', {
            body: { role_id: 3, member_user: { username: 'kim' } },
          })
        ).body,
      ).toEqual({
        errors: [{ code: 'NOT_FOUND', message: 'project missing not found' }],
      });
      expect(harbor.violations).toEqual([]);
    });
  });

  describe('robots', () => {
    it('creates a project robot and reveals its secret only on creation', async () => {
      const { harbor, api } = setup();
      await api('POST', '/projects', { body: { project_name: 'team-a' } });
      const created = await api('POST', '/robots', {
        body: projectRobot('team-a'),
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: 1,
        name: 'robot$team-a+ci',
        secret: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
        creation_time: expect.any(String),
        expires_at: -1,
      });
      expect(created.headers.get('location')).toBe('/api/v2.0/robots/1');
      expect(harbor.state.robots[0].secret).toBe(created.body.secret);

      const listed = await api(
        'GET',
        `/robots?q=${encodeURIComponent('Level=project,ProjectID=2')}`,
      );
      expect(listed.headers.get('x-total-count')).toBe('1');
      expect(listed.body).toEqual([
        expect.objectContaining({
          id: 1,
          name: 'robot$team-a+ci',
          level: 'project',
          disable: false,
        }),
      ]);
      expect(listed.body[0]).not.toHaveProperty('secret');
      expect((await api('GET', '/robots')).body).toEqual([]);
      expect(harbor.violations).toEqual([]);
    });

    it('refreshes the secret', async () => {
      const { harbor, api } = setup();
      await api('POST', '/projects', { body: { project_name: 'team-a' } });
      const created = await api('POST', '/robots', {
        body: projectRobot('team-a'),
      });
      const refreshed = await api('PATCH', '/robots/1', { body: {} });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.secret).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(refreshed.body.secret).not.toBe(created.body.secret);
      expect(harbor.state.robots[0].secret).toBe(refreshed.body.secret);

      const chosen = await api('PATCH', '/robots/1', {
        body: { secret: 'Chosen-Secret-1' },
      });
      expect(chosen).toMatchObject({ status: 200, body: {} });
      expect(harbor.state.robots[0].secret).toBe('Chosen-Secret-1');
      expect((await api('PATCH', '/robots/99', { body: {} })).status).toBe(404);
      expect(harbor.violations).toEqual([]);
    });

    it('keeps the description on creation but creates the robot enabled, as CreateRobot does', async () => {
      const { harbor, api } = setup();
      await api('POST', '/projects', { body: { project_name: 'team-a' } });
      await api('POST', '/robots', {
        body: { ...projectRobot('team-a'), disable: true },
      });
      expect(harbor.state.robots[0]).toMatchObject({
        description: 'CI pushes',
        disable: false,
      });
      expect(harbor.violations).toEqual([
        'POST /robots: disable is ignored on creation, the robot is enabled; disable it with PUT /robots/{robot_id}',
      ]);
    });

    it('updates a robot with PUT: description and disable as given, name, level and project fixed', async () => {
      const { harbor, api } = setup();
      await api('POST', '/projects', { body: { project_name: 'team-a' } });
      const created = await api('POST', '/robots', {
        body: projectRobot('team-a'),
      });
      const secret = harbor.state.robots[0].secret;
      const robot = (await api('GET', '/robots/1')).body;
      expect(robot).toMatchObject({
        name: 'robot$team-a+ci',
        description: 'CI pushes',
        disable: false,
      });
      expect(robot).not.toHaveProperty('secret');

      const updated = await api('PUT', '/robots/1', {
        body: { ...robot, description: 'marker', disable: true },
      });
      expect(updated).toMatchObject({ status: 200, text: '' });
      expect(harbor.state.robots[0]).toMatchObject({
        description: 'marker',
        disable: true,
        duration: -1,
        secret,
      });
      expect(secret).toBe(created.body.secret);

      // A whole Robot is expected: what is left out is cleared.
      const { description: _d, disable: _e, ...bare } = robot;
      await api('PUT', '/robots/1', { body: bare });
      expect(harbor.state.robots[0]).toMatchObject({
        description: '',
        disable: false,
      });

      // Refreshing the secret changes nothing else.
      await api('PUT', '/robots/1', {
        body: { ...robot, disable: true },
      });
      await api('PATCH', '/robots/1', { body: {} });
      expect(harbor.state.robots[0]).toMatchObject({
        description: 'CI pushes',
        disable: true,
      });
      expect(harbor.violations).toEqual([]);

      const renamed = await api('PUT', '/robots/1', {
        body: { ...robot, name: 'ci' },
      });
      expect(renamed).toMatchObject({
        status: 400,
        body: {
          errors: [
            {
              code: 'BAD_REQUEST',
              message: 'cannot update the level or name of robot',
            },
          ],
        },
      });
      const moved = await api('PUT', '/robots/1', {
        body: {
          ...robot,
          permissions: [{ ...robot.permissions[0], namespace: 'library' }],
        },
      });
      expect(moved.body.errors[0].message).toBe(
        'cannot update the project id of robot',
      );
      expect((await api('PUT', '/robots/99', { body: robot })).status).toBe(
        404,
      );
      expect(harbor.violations).toHaveLength(2);
    });

    it('answers 409 for a duplicate robot', async () => {
      const { api } = setup();
      await api('POST', '/projects', { body: { project_name: 'team-a' } });
      await api('POST', '/robots', { body: projectRobot('team-a') });
      expect(
        await api('POST', '/robots', { body: projectRobot('team-a') }),
      ).toMatchObject({
        status: 409,
        body: {
          errors: [
            { code: 'CONFLICT', message: 'robot account 2:ci already exists' },
          ],
        },
      });
    });

    it('applies the robot rules', async () => {
      const { harbor, api } = setup();
      await api('POST', '/projects', { body: { project_name: 'team-a' } });
      const { duration: _omitted, ...withoutDuration } = projectRobot('team-a');
      expect(
        await api('POST', '/robots', { body: withoutDuration }),
      ).toMatchObject({
        status: 400,
        body: {
          errors: [
            {
              code: 'BAD_REQUEST',
              message:
                'bad request error duration input: 0, duration must be either -1(Never) or a positive integer',
            },
          ],
        },
      });
      expect(
        (
          await api('POST', '/robots', {
            body: projectRobot('team-a', 'CI Bot'),
          })
        ).status,
      ).toBe(400);
      const twoPermissions = projectRobot('team-a');
      twoPermissions.permissions.push({
        ...twoPermissions.permissions[0],
        namespace: 'library',
      });
      expect(
        (await api('POST', '/robots', { body: twoPermissions })).body.errors[0]
          .message,
      ).toBe('bad request permission');
      const badAccess = projectRobot('team-a');
      badAccess.permissions[0].access = [
        { resource: 'helm-chart', action: 'read' },
      ];
      expect(
        (await api('POST', '/robots', { body: badAccess })).body.errors[0]
          .message,
      ).toBe('bad request permission: helm-chart:read');
      expect(
        await api('POST', '/robots', { body: projectRobot('ghost') }),
      ).toMatchObject({
        status: 404,
        body: {
          errors: [{ code: 'NOT_FOUND', message: 'project ghost not found' }],
        },
      });
      expect(harbor.state.robots).toEqual([]);
      expect(harbor.violations).toHaveLength(5);
    });
  });

  describe('webhook policies', () => {
    const policy = {
      name: 'ci',
      description: 'notify CI',
      enabled: true,
      event_types: ['PUSH_ARTIFACT', 'SCANNING_COMPLETED'],
      targets: [
        {
          type: 'http',
          address: 'https://ci.example.com/hook',
          skip_cert_verify: false,
        },
      ],
    };

    it('creates and lists policies', async () => {
      const { harbor, api } = setup();
      await api('POST', '/projects', { body: { project_name: 'team-a' } });
      const created = await api('POST', '/projects/team-a/webhook/policies', {
        body: policy,
      });
      expect(created.status).toBe(201);
      expect(created.text).toBe('');
      expect(created.headers.get('location')).toBe(
        '/api/v2.0/projects/team-a/webhook/policies/1',
      );
      expect(
        (await api('GET', '/projects/team-a/webhook/policies')).body,
      ).toEqual([
        expect.objectContaining({
          id: 1,
          name: 'ci',
          project_id: 2,
          enabled: true,
          event_types: ['PUSH_ARTIFACT', 'SCANNING_COMPLETED'],
          targets: [
            {
              type: 'http',
              address: 'https://ci.example.com/hook',
              skip_cert_verify: false,
              payload_format: 'Default',
            },
          ],
        }),
      ]);
      expect(
        await api('POST', '/projects/team-a/webhook/policies', {
          body: policy,
        }),
      ).toMatchObject({
        status: 409,
        body: {
          errors: [
            {
              code: 'CONFLICT',
              message: 'notification policy named ci already exists',
            },
          ],
        },
      });
      expect(harbor.violations).toEqual([]);
    });

    it('stores an omitted enabled as false', async () => {
      const { harbor, api } = setup();
      const { enabled: _omitted, ...withoutEnabled } = policy;
      await api('POST', '/projects/library/webhook/policies', {
        body: withoutEnabled,
      });
      expect(harbor.state.projects[0].webhookPolicies[0].enabled).toBe(false);
    });

    it('refuses empty or unsupported event types', async () => {
      const { harbor, api } = setup();
      const path = '/projects/library/webhook/policies';
      expect(
        await api('POST', path, { body: { ...policy, event_types: [] } }),
      ).toMatchObject({
        status: 400,
        body: {
          errors: [{ code: 'BAD_REQUEST', message: 'empty event type' }],
        },
      });
      expect(
        (
          await api('POST', path, {
            body: { ...policy, event_types: ['pushImage'] },
          })
        ).body,
      ).toEqual({
        errors: [
          { code: 'BAD_REQUEST', message: 'unsupported event type pushImage' },
        ],
      });
      expect(harbor.violations).toHaveLength(2);
    });
  });

  describe('failNext and pagination', () => {
    it('fails with the 5xx body Harbor sends, before touching state', async () => {
      const { harbor, api } = setup();
      harbor.failNext({ method: 'POST', path: /^\/projects$/ }, 500);
      expect(
        await api('POST', '/projects', { body: { project_name: 'team-a' } }),
      ).toMatchObject({
        status: 500,
        body: {
          errors: [{ code: 'UNKNOWN', message: 'internal server error' }],
        },
      });
      expect(harbor.state.projects).toHaveLength(1);
      expect(
        (await api('POST', '/projects', { body: { project_name: 'team-a' } }))
          .status,
      ).toBe(201);
      harbor.failNext({ method: 'HEAD', path: /^\/projects$/ }, 503);
      expect((await api('HEAD', '/projects?project_name=team-a')).status).toBe(
        503,
      );
      expect(harbor.violations).toEqual([]);
    });

    it('pages lists 10 at a time by default and refuses page_size over 100', async () => {
      const users = Array.from({ length: 12 }, (_, i) => `user${i}`);
      const { harbor, api } = setup({ users });
      for (const username of users) {
        await api('POST', '/projects/library/members', {
          body: { role_id: 3, member_user: { username } },
        });
      }
      const first = await api('GET', '/projects/library/members');
      expect(first.body).toHaveLength(10);
      expect(first.headers.get('x-total-count')).toBe('13');
      expect(first.headers.get('link')).toContain('rel="next"');
      expect(
        (await api('GET', '/projects/library/members?page=2')).body,
      ).toHaveLength(3);
      expect(
        await api('GET', '/projects/library/members?page_size=101'),
      ).toMatchObject({
        status: 422,
        body: {
          errors: [
            {
              code: 'UNPROCESSABLE_ENTITY',
              message:
                'validation failure list:\npage_size in query should be less than or equal to 100',
            },
          ],
        },
      });
      expect(harbor.violations).toHaveLength(1);
    });
  });
});
