import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { createHash } from 'crypto';
import { setupServer } from 'msw/node';
import { fakeEd25519PublicKey } from '../testing/sshKeys';
import { createFakeGitLab, type FakeGitLabOptions } from './FakeGitLab';

const server = setupServer();
registerMswTestHooks(server);

type Call = {
  body?: unknown;
  token?: string | null;
  headers?: Record<string, string>;
};

function setup(options?: FakeGitLabOptions) {
  const gitlab = createFakeGitLab(options);
  server.use(...gitlab.handlers);

  async function api(method: string, path: string, call: Call = {}) {
    const token = call.token === undefined ? gitlab.token : call.token;
    const response = await fetch(`${gitlab.baseUrl}/api/v4${path}`, {
      method,
      headers: {
        ...(token === null ? {} : { 'PRIVATE-TOKEN': token }),
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
      body: text ? JSON.parse(text) : undefined,
    };
  }

  return { gitlab, api };
}

async function createGroupAndProject(
  api: ReturnType<typeof setup>['api'],
  projectBody: Record<string, unknown> = {},
) {
  const group = await api('POST', '/groups', {
    body: { name: 'Team', path: 'team' },
  });
  const project = await api('POST', '/projects', {
    body: { name: 'svc', namespace_id: group.body.id, ...projectBody },
  });
  return { group: group.body, project: project.body };
}

describe('createFakeGitLab', () => {
  describe('authentication', () => {
    it('answers 401 without the PRIVATE-TOKEN and records a violation', async () => {
      const { gitlab, api } = setup();
      const response = await api('GET', '/namespaces/root', { token: null });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain(
        'application/json',
      );
      expect(response.body).toEqual({ message: '401 Unauthorized' });
      expect(gitlab.violations).toEqual([
        'GET /namespaces/root: missing or wrong PRIVATE-TOKEN',
      ]);
    });

    it('refuses a wrong token and accepts a configured one', async () => {
      const { gitlab, api } = setup({ token: 'glpat-other' });
      expect(
        (
          await api('GET', '/namespaces/root', {
            token: 'test-gitlab-token-0123456789',
          })
        ).status,
      ).toBe(401);
      expect(
        (await api('GET', '/namespaces/root', { token: 'glpat-other' })).status,
      ).toBe(200);
      expect(gitlab.violations).toHaveLength(1);
    });
  });

  describe('projects', () => {
    it('creates a project with the fields and URLs GitLab returns', async () => {
      const { gitlab, api } = setup();
      const { group, project } = await createGroupAndProject(api, {
        description: 'Payments',
        topics: ['go', 'api'],
      });

      expect(project).toMatchObject({
        name: 'svc',
        path: 'svc',
        path_with_namespace: 'team/svc',
        description: 'Payments',
        visibility: 'private',
        default_branch: 'main',
        empty_repo: true,
        topics: ['go', 'api'],
        namespace: { id: group.id, kind: 'group', full_path: 'team' },
        web_url: 'https://gitlab.example.com/team/svc',
        http_url_to_repo: 'https://gitlab.example.com/team/svc.git',
        ssh_url_to_repo: 'git@gitlab.example.com:team/svc.git',
      });
      expect(gitlab.state.projects[0].protectedBranches).toEqual([
        expect.objectContaining({
          name: 'main',
          push_access_levels: [expect.objectContaining({ access_level: 40 })],
          merge_access_levels: [expect.objectContaining({ access_level: 40 })],
          allow_force_push: false,
        }),
      ]);
      expect(gitlab.violations).toEqual([]);
    });

    it('finds a project by id and by URL-encoded full path', async () => {
      const { api } = setup();
      const { project } = await createGroupAndProject(api);
      expect((await api('GET', `/projects/${project.id}`)).body.id).toBe(
        project.id,
      );
      expect((await api('GET', '/projects/team%2Fsvc')).body.id).toBe(
        project.id,
      );
      expect(await api('GET', '/projects/team%2Fnope')).toMatchObject({
        status: 404,
        body: { message: '404 Project Not Found' },
      });
    });

    it('answers a route 404 and a violation for an unencoded full path', async () => {
      const { gitlab, api } = setup();
      await createGroupAndProject(api);
      const response = await api('GET', '/projects/team/svc');
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ error: '404 Not Found' });
      expect(gitlab.violations).toEqual([
        expect.stringContaining(
          "GET /projects/team/svc: ':id' must be URL-encoded",
        ),
      ]);
    });

    it('answers 400 with the validation errors for a duplicate path', async () => {
      const { gitlab, api } = setup();
      const { group } = await createGroupAndProject(api);
      const response = await api('POST', '/projects', {
        body: { name: 'svc', path: 'svc', namespace_id: group.id },
      });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        message: {
          name: ['has already been taken'],
          path: ['has already been taken'],
          'project_namespace.name': ['has already been taken'],
        },
      });
      expect(gitlab.state.projects).toHaveLength(1);
      expect(gitlab.violations).toEqual([]);
    });

    it('answers 404 for an unknown namespace', async () => {
      const { api } = setup();
      expect(
        await api('POST', '/projects', {
          body: { name: 'x', namespace_id: 999 },
        }),
      ).toMatchObject({
        status: 404,
        body: { message: '404 Namespace Not Found' },
      });
    });

    it('needs a name or a path', async () => {
      const { gitlab, api } = setup();
      const response = await api('POST', '/projects', {
        body: { namespace_id: 10 },
      });
      expect(response).toMatchObject({
        status: 400,
        body: {
          error:
            'name, path are missing, at least one parameter must be provided',
        },
      });
      expect(gitlab.violations).toHaveLength(1);
    });

    it('flags namespace_id sent as a string', async () => {
      const { gitlab, api } = setup();
      const group = await api('POST', '/groups', {
        body: { name: 'Team', path: 'team' },
      });
      const response = await api('POST', '/projects', {
        body: { name: 'svc', namespace_id: String(group.body.id) },
      });
      expect(response.status).toBe(201);
      expect(gitlab.violations).toEqual([
        expect.stringContaining(
          'namespace_id must be the numeric namespace id',
        ),
      ]);
    });

    it('ignores camelCase keys like GitLab, and says so', async () => {
      const { gitlab, api } = setup();
      const group = await api('POST', '/groups', {
        body: { name: 'Team', path: 'team' },
      });
      const response = await api('POST', '/projects', {
        body: { name: 'svc', namespaceId: group.body.id },
      });
      // The namespace was dropped: the project lands in the token user's namespace.
      expect(response.body.path_with_namespace).toBe('root/svc');
      expect(gitlab.violations).toEqual([
        "POST /projects: camelCase body key 'namespaceId' is ignored by GitLab (use snake_case)",
      ]);
    });

    it('derives the path from the name, adds the owner of a personal namespace, caps visibility', async () => {
      const { gitlab, api } = setup({
        namespaces: [{ fullPath: 'internal-team', visibility: 'internal' }],
      });
      const personal = await api('POST', '/projects', {
        body: { name: 'My Tool' },
      });
      expect(personal.body.path_with_namespace).toBe('root/my-tool');
      expect(gitlab.state.projects[0].members).toEqual([
        expect.objectContaining({ id: 1, username: 'root', access_level: 50 }),
      ]);
      const namespaceId = gitlab.state.namespaces.find(
        n => n.full_path === 'internal-team',
      )!.id;
      const capped = await api('POST', '/projects', {
        body: { path: 'web', namespace_id: namespaceId, visibility: 'public' },
      });
      expect(capped.body.visibility).toBe('internal');
    });

    it('markPushed makes the repository non-empty', async () => {
      const { gitlab, api } = setup();
      await createGroupAndProject(api);
      gitlab.markPushed('team/svc');
      expect((await api('GET', '/projects/team%2Fsvc')).body.empty_repo).toBe(
        false,
      );
      expect(() => gitlab.markPushed(12345)).toThrow('No project 12345');
    });

    it('starts with seeded projects', async () => {
      const { api } = setup({ projects: [{ pathWithNamespace: 'a/b/c' }] });
      const response = await api('GET', '/projects/a%2Fb%2Fc');
      expect(response.body).toMatchObject({
        empty_repo: false,
        namespace: { full_path: 'a/b' },
      });
    });
    it("updates topics and description, with GitLab's topic rules", async () => {
      const { gitlab, api } = setup({
        projects: [{ pathWithNamespace: 'other/app', topics: ['Payments'] }],
      });
      const { project } = await createGroupAndProject(api, {
        topics: ['a,b', ' c '],
      });
      expect(project.topics).toEqual(['a', 'b', 'c']);

      const updated = await api('PUT', `/projects/${project.id}`, {
        body: { topics: ['payments', 'a', 'A', ''], description: 'New' },
      });
      expect(updated.status).toBe(200);
      // The instance's topic keeps the spelling it was created with.
      expect(updated.body).toMatchObject({
        topics: ['Payments', 'a'],
        tag_list: ['Payments', 'a'],
        description: 'New',
      });
      expect((await api('GET', '/projects/team%2Fsvc')).body.topics).toEqual([
        'Payments',
        'a',
      ]);
      expect(gitlab.violations).toEqual([]);
    });

    it('answers a project update without attributes, or for no project, like GitLab', async () => {
      const { gitlab, api } = setup();
      const { project } = await createGroupAndProject(api);
      expect(
        await api('PUT', `/projects/${project.id}`, { body: {} }),
      ).toMatchObject({
        status: 400,
        body: {
          error:
            'description, topics, tag_list are missing, at least one parameter must be provided',
        },
      });
      expect(
        await api('PUT', '/projects/999', { body: { topics: ['x'] } }),
      ).toMatchObject({
        status: 404,
        body: { message: '404 Project Not Found' },
      });
      expect(gitlab.violations).toHaveLength(1);
      await api('PUT', `/projects/${project.id}`, {
        body: { visibility: 'public' },
      });
      expect(gitlab.violations[1]).toBe(
        "PUT /projects/:id: the GitLab fake does not apply 'visibility'",
      );
    });
  });

  describe('groups and namespaces', () => {
    it('creates groups and subgroups', async () => {
      const { api } = setup();
      const parent = await api('POST', '/groups', {
        body: { name: 'Platform', path: 'platform', visibility: 'internal' },
      });
      expect(parent.status).toBe(201);
      const child = await api('POST', '/groups', {
        body: { name: 'Tools', path: 'tools', parent_id: parent.body.id },
      });
      expect(child.body).toMatchObject({
        full_path: 'platform/tools',
        full_name: 'Platform / Tools',
        parent_id: parent.body.id,
        visibility: 'private',
        web_url: 'https://gitlab.example.com/groups/platform/tools',
      });
      expect((await api('GET', '/groups/platform%2Ftools')).body.id).toBe(
        child.body.id,
      );
    });

    it('answers the duplicate-path message and Grape errors', async () => {
      const { gitlab, api } = setup();
      await api('POST', '/groups', { body: { name: 'Team', path: 'team' } });
      expect(
        await api('POST', '/groups', { body: { name: 'Other', path: 'team' } }),
      ).toMatchObject({
        status: 400,
        body: {
          message: 'Failed to save group {:path=>["has already been taken"]}',
        },
      });
      expect(
        await api('POST', '/groups', { body: { name: 'Jdoe', path: 'jdoe' } }),
      ).toMatchObject({ status: 400 });
      expect(gitlab.violations).toEqual([]);
      expect(
        await api('POST', '/groups', { body: { name: 'No path' } }),
      ).toMatchObject({
        status: 400,
        body: { error: 'path is missing' },
      });
      expect(gitlab.violations).toEqual(['POST /groups: path is missing']);
    });

    it('refuses blank names and paths GitLab cannot route', async () => {
      const { gitlab, api } = setup();
      expect(
        await api('POST', '/groups', { body: { name: ' ', path: '' } }),
      ).toMatchObject({
        status: 400,
        body: {
          message: `Failed to save group {:name=>["can't be blank"], :path=>["can't be blank"]}`,
        },
      });
      expect(
        await api('POST', '/groups', {
          body: { name: 'Bad', path: 'a b.git' },
        }),
      ).toMatchObject({
        status: 400,
        body: { message: expect.stringContaining(':path=>["can contain only') },
      });
      expect(gitlab.violations).toHaveLength(2);
    });

    it("updates a group's name and description and keeps the rest", async () => {
      const { gitlab, api } = setup({
        namespaces: [{ fullPath: 'team/sub', description: 'Seeded' }],
      });
      expect((await api('GET', '/groups/team%2Fsub')).body.description).toBe(
        'Seeded',
      );
      const updated = await api('PUT', '/groups/team%2Fsub', {
        body: { description: 'Owned by payments' },
      });
      expect(updated).toMatchObject({
        status: 200,
        body: {
          description: 'Owned by payments',
          name: 'sub',
          full_path: 'team/sub',
        },
      });
      expect(
        (
          await api('PUT', `/groups/${updated.body.id}`, {
            body: { name: 'Sub' },
          })
        ).body,
      ).toMatchObject({ name: 'Sub', description: 'Owned by payments' });
      expect(gitlab.violations).toEqual([]);
    });

    it('refuses a group description GitLab cannot store, and unknown groups', async () => {
      const { gitlab, api } = setup({ namespaces: [{ fullPath: 'team' }] });
      expect(
        await api('PUT', '/groups/team', {
          body: { description: 'x'.repeat(256) },
        }),
      ).toMatchObject({
        status: 400,
        body: {
          message: {
            description: ['is too long (maximum is 255 characters)'],
          },
        },
      });
      expect((await api('GET', '/groups/team')).body.description).toBe('');
      expect(
        await api('POST', '/groups', {
          body: { name: 'x', path: 'x', description: 'x'.repeat(256) },
        }),
      ).toMatchObject({
        status: 400,
        body: {
          message: expect.stringContaining(':description=>["is too long'),
        },
      });
      expect(
        await api('PUT', '/groups/nope', { body: { description: 'x' } }),
      ).toMatchObject({
        status: 404,
        body: { message: '404 Group Not Found' },
      });
      expect(gitlab.violations).toHaveLength(2);
    });

    it('answers 404 for unknown groups and parents', async () => {
      const { api } = setup();
      expect(await api('GET', '/groups/nope')).toMatchObject({
        status: 404,
        body: { message: '404 Group Not Found' },
      });
      expect(
        await api('POST', '/groups', {
          body: { name: 'x', path: 'x', parent_id: 999 },
        }),
      ).toMatchObject({
        status: 404,
        body: { message: '404 Group Not Found' },
      });
    });

    it('shows user and group namespaces', async () => {
      const { gitlab, api } = setup();
      const user = await api('GET', '/namespaces/jdoe');
      expect(user.body).toMatchObject({
        kind: 'user',
        full_path: 'jdoe',
        parent_id: null,
      });
      // Namespace ids are not user ids.
      expect(user.body.id).not.toBe(2);
      expect(user.body.id).toBe(gitlab.state.users[1].namespace_id);
      await api('POST', '/groups', { body: { name: 'Team', path: 'team' } });
      expect((await api('GET', '/namespaces/team')).body.kind).toBe('group');
      expect(await api('GET', '/namespaces/ghost')).toMatchObject({
        status: 404,
        body: { message: '404 Namespace Not Found' },
      });
    });
  });

  describe('users', () => {
    it('looks users up by username, as a list', async () => {
      const { api } = setup();
      expect((await api('GET', '/users?username=MARIA')).body).toEqual([
        expect.objectContaining({ id: 3, username: 'maria', state: 'active' }),
      ]);
      expect((await api('GET', '/users?username=ghost')).body).toEqual([]);
    });
  });

  describe('members', () => {
    it('adds, lists and edits direct members', async () => {
      const { gitlab, api } = setup();
      const { project } = await createGroupAndProject(api);
      const added = await api('POST', `/projects/${project.id}/members`, {
        body: { user_id: 2, access_level: 30 },
      });
      expect(added).toMatchObject({
        status: 201,
        body: { id: 2, username: 'jdoe', access_level: 30 },
      });
      await api('POST', '/projects/team%2Fsvc/members', {
        body: { username: 'maria', access_level: 40 },
      });
      expect(
        (await api('GET', '/projects/team%2Fsvc/members')).body.map(
          (m: { username: string }) => m.username,
        ),
      ).toEqual(['jdoe', 'maria']);
      const edited = await api('PUT', `/projects/${project.id}/members/2`, {
        body: { access_level: 40 },
      });
      expect(edited.body.access_level).toBe(40);
      expect(gitlab.state.projects[0].members[0].access_level).toBe(40);
      expect(gitlab.violations).toEqual([]);
    });

    it('answers 409, 404 and 400 like GitLab', async () => {
      const { gitlab, api } = setup();
      const { project } = await createGroupAndProject(api);
      const path = `/projects/${project.id}/members`;
      await api('POST', path, { body: { user_id: 2, access_level: 30 } });
      expect(
        await api('POST', path, { body: { user_id: 2, access_level: 30 } }),
      ).toMatchObject({
        status: 409,
        body: { message: 'Member already exists' },
      });
      expect(
        await api('POST', path, { body: { user_id: 99, access_level: 30 } }),
      ).toMatchObject({
        status: 404,
        body: { message: '404 User Not Found' },
      });
      expect(
        await api('PUT', `${path}/3`, { body: { access_level: 30 } }),
      ).toMatchObject({
        status: 404,
        body: { message: '404 Member Not Found' },
      });
      expect(gitlab.violations).toEqual([]);

      expect(
        await api('POST', path, { body: { user_id: 3, access_level: 35 } }),
      ).toMatchObject({
        status: 400,
        body: { error: 'access_level does not have a valid value' },
      });
      expect(gitlab.violations).toEqual([
        'POST members: access_level does not have a valid value (35)',
      ]);
    });
  });

  describe('deploy keys', () => {
    it('adds a key with its SHA256 fingerprint', async () => {
      const { gitlab, api } = setup();
      const { project } = await createGroupAndProject(api);
      const key = fakeEd25519PublicKey(1);
      const blob = Buffer.from(key.split(' ')[1], 'base64');
      const expected = `SHA256:${createHash('sha256')
        .update(blob)
        .digest('base64')
        .replace(/=+$/, '')}`;

      const response = await api(
        'POST',
        `/projects/${project.id}/deploy_keys`,
        {
          body: { title: 'ci', key, can_push: true },
        },
      );
      expect(response).toMatchObject({
        status: 201,
        body: {
          title: 'ci',
          key,
          can_push: true,
          fingerprint_sha256: expected,
        },
      });
      expect(
        (await api('GET', `/projects/${project.id}/deploy_keys`)).body,
      ).toHaveLength(1);
      expect(gitlab.state.projects[0].deployKeys[0].can_push).toBe(true);
    });

    it('refuses text that is not an OpenSSH key, and a key already on the project', async () => {
      const { gitlab, api } = setup();
      const { project } = await createGroupAndProject(api);
      const path = `/projects/${project.id}/deploy_keys`;
      const key = fakeEd25519PublicKey(2);
      await api('POST', path, { body: { title: 'a', key } });
      expect(
        await api('POST', path, { body: { title: 'b', key } }),
      ).toMatchObject({
        status: 400,
        body: {
          message: {
            'deploy_key.fingerprint_sha256': ['has already been taken'],
          },
        },
      });
      expect(gitlab.violations).toEqual([]);
      expect(
        await api('POST', path, {
          body: { title: 'c', key: 'ssh-ed25519 not-base64!' },
        }),
      ).toMatchObject({
        status: 400,
        body: {
          message: {
            key: ['is invalid'],
            fingerprint_sha256: ['cannot be generated'],
          },
        },
      });
      expect(gitlab.violations).toHaveLength(1);
    });

    it('reuses the id of a key already known on another project', async () => {
      const { api } = setup();
      const group = await api('POST', '/groups', {
        body: { name: 'T', path: 't' },
      });
      const a = await api('POST', '/projects', {
        body: { path: 'a', namespace_id: group.body.id },
      });
      const b = await api('POST', '/projects', {
        body: { path: 'b', namespace_id: group.body.id },
      });
      const key = fakeEd25519PublicKey(3);
      const first = await api('POST', `/projects/${a.body.id}/deploy_keys`, {
        body: { title: 'one', key },
      });
      const second = await api('POST', `/projects/${b.body.id}/deploy_keys`, {
        body: { title: 'two', key },
      });
      expect(second.body).toMatchObject({ id: first.body.id, title: 'one' });
    });
  });

  describe('protected branches', () => {
    it('shows the rule created with the project and refuses a second one', async () => {
      const { gitlab, api } = setup();
      const { project } = await createGroupAndProject(api);
      const shown = await api(
        'GET',
        `/projects/${project.id}/protected_branches/main`,
      );
      expect(shown.body).toMatchObject({
        name: 'main',
        push_access_levels: [
          { access_level: 40, access_level_description: 'Maintainers' },
        ],
        merge_access_levels: [{ access_level: 40 }],
        unprotect_access_levels: [],
        allow_force_push: false,
        code_owner_approval_required: false,
      });
      const again = await api(
        'POST',
        `/projects/${project.id}/protected_branches?name=main&push_access_level=30`,
      );
      expect(again).toMatchObject({
        status: 409,
        body: { message: "Protected branch 'main' already exists" },
      });
      expect(gitlab.violations).toEqual([]);
    });

    it('takes the options from the query string, and edits and deletes rules', async () => {
      const { api } = setup();
      const { project } = await createGroupAndProject(api);
      const base = `/projects/${project.id}/protected_branches`;
      const created = await api(
        'POST',
        `${base}?name=release%2F1.x&push_access_level=0&merge_access_level=30&allow_force_push=false`,
      );
      expect(created).toMatchObject({
        status: 201,
        body: {
          name: 'release/1.x',
          push_access_levels: [
            { access_level: 0, access_level_description: 'No one' },
          ],
          merge_access_levels: [{ access_level: 30 }],
        },
      });
      const patched = await api('PATCH', `${base}/release%2F1.x`, {
        body: { allow_force_push: true },
      });
      expect(patched.body.allow_force_push).toBe(true);
      expect((await api('GET', base)).body).toHaveLength(2);
      expect((await api('DELETE', `${base}/release%2F1.x`)).status).toBe(204);
      expect(await api('GET', `${base}/release%2F1.x`)).toMatchObject({
        status: 404,
        body: { message: '404 Not found' },
      });
    });

    it('refuses unknown access levels', async () => {
      const { gitlab, api } = setup();
      const { project } = await createGroupAndProject(api);
      const response = await api(
        'POST',
        `/projects/${project.id}/protected_branches?name=dev&push_access_level=20`,
      );
      expect(response).toMatchObject({
        status: 400,
        body: { error: 'push_access_level does not have a valid value' },
      });
      expect(gitlab.violations).toHaveLength(1);
    });
  });

  describe('variables', () => {
    it('creates variables with GitLab defaults and finds them by scope', async () => {
      const { gitlab, api } = setup();
      const { project } = await createGroupAndProject(api);
      const base = `/projects/${project.id}/variables`;
      const created = await api('POST', base, {
        body: { key: 'API_TOKEN', value: 's3cr3t-value', masked: true },
      });
      expect(created).toMatchObject({
        status: 201,
        body: {
          key: 'API_TOKEN',
          value: 's3cr3t-value',
          variable_type: 'env_var',
          protected: false,
          masked: true,
          raw: false,
          environment_scope: '*',
        },
      });
      await api('POST', base, {
        body: {
          key: 'API_TOKEN',
          value: 'production-value',
          environment_scope: 'production',
        },
      });
      expect(gitlab.state.projects[0].variables).toHaveLength(2);
      expect(await api('GET', `${base}/API_TOKEN`)).toMatchObject({
        status: 409,
        body: {
          message:
            "There are multiple variables with provided parameters. Please use 'filter[environment_scope]'",
        },
      });
      const production = await api(
        'GET',
        `${base}/API_TOKEN?filter%5Benvironment_scope%5D=production`,
      );
      expect(production.body.value).toBe('production-value');
      const updated = await api('PUT', `${base}/API_TOKEN`, {
        body: {
          value: 'changed-value',
          filter: { environment_scope: 'production' },
        },
      });
      expect(updated.body).toMatchObject({
        value: 'changed-value',
        environment_scope: 'production',
      });
      expect(gitlab.violations).toEqual([]);
    });

    it('answers the validation errors GitLab gives', async () => {
      const { gitlab, api } = setup();
      const { project } = await createGroupAndProject(api);
      const base = `/projects/${project.id}/variables`;
      await api('POST', base, { body: { key: 'A', value: '1' } });
      expect(
        await api('POST', base, { body: { key: 'A', value: '2' } }),
      ).toMatchObject({
        status: 400,
        body: { message: { key: ['(A) has already been taken'] } },
      });
      expect(gitlab.violations).toEqual([]);
      expect(
        await api('POST', base, { body: { key: 'MY-KEY', value: 'x' } }),
      ).toMatchObject({
        status: 400,
        body: {
          message: { key: ["can contain only letters, digits and '_'."] },
        },
      });
      expect(
        await api('POST', base, { body: { key: 'K'.repeat(256), value: 'x' } }),
      ).toMatchObject({
        status: 400,
        body: { message: { key: ['is too long (maximum is 255 characters)'] } },
      });
      expect(
        await api('POST', base, {
          body: { key: 'SHORT', value: 'abc', masked: true },
        }),
      ).toMatchObject({
        status: 400,
        body: { message: { value: ['is invalid'] } },
      });
      expect(
        await api('POST', base, {
          body: { key: 'SPACED', value: 'has a space', masked: true },
        }),
      ).toMatchObject({
        status: 400,
        body: { message: { value: ['is invalid'] } },
      });
      expect(gitlab.violations).toHaveLength(4);
      expect(await api('GET', `${base}/NOPE`)).toMatchObject({
        status: 404,
        body: { message: '404 Variable Not Found' },
      });
    });
  });

  describe('pagination', () => {
    it('pages lists with the x-* and Link headers', async () => {
      const { gitlab, api } = setup();
      const { project } = await createGroupAndProject(api);
      for (let i = 0; i < 25; i++) {
        gitlab.state.projects[0].variables.push({
          key: `V${i}`,
          value: String(i),
          variable_type: 'env_var',
          protected: false,
          masked: false,
          hidden: false,
          raw: false,
          environment_scope: '*',
          description: null,
        });
      }
      const base = `/projects/${project.id}/variables`;
      const first = await api('GET', base);
      expect(first.body).toHaveLength(20);
      expect(first.headers.get('x-total')).toBe('25');
      expect(first.headers.get('x-total-pages')).toBe('2');
      expect(first.headers.get('x-next-page')).toBe('2');
      expect(first.headers.get('x-prev-page')).toBe('');

      const second = await api('GET', `${base}?page=3&per_page=10`);
      expect(second.body.map((v: { key: string }) => v.key)).toEqual([
        'V20',
        'V21',
        'V22',
        'V23',
        'V24',
      ]);
      expect(second.headers.get('x-page')).toBe('3');
      expect(second.headers.get('x-per-page')).toBe('10');
      expect(second.headers.get('x-next-page')).toBe('');
      expect(second.headers.get('x-prev-page')).toBe('2');
      expect(second.headers.get('link')).toContain(
        'page=2&per_page=10>; rel="prev"',
      );
      expect(second.headers.get('link')).not.toContain('rel="next"');

      const capped = await api('GET', `${base}?per_page=500`);
      expect(capped.headers.get('x-per-page')).toBe('100');
    });
  });

  describe('failNext and the request log', () => {
    it('fails matching requests before touching state', async () => {
      const { gitlab, api } = setup();
      const group = await api('POST', '/groups', {
        body: { name: 'T', path: 't' },
      });
      gitlab.failNext({ method: 'post', path: /^\/projects$/ }, 500, 2);
      const body = { name: 'svc', namespace_id: group.body.id };
      expect(await api('POST', '/projects', { body })).toEqual(
        expect.objectContaining({
          status: 500,
          body: { message: '500 Internal Server Error' },
        }),
      );
      expect((await api('POST', '/projects', { body })).status).toBe(500);
      expect(gitlab.state.projects).toEqual([]);
      expect((await api('POST', '/projects', { body })).status).toBe(201);
      expect(gitlab.violations).toEqual([]);
    });

    it('matches the raw encoded path', async () => {
      const { gitlab, api } = setup({
        projects: [{ pathWithNamespace: 'g/p' }],
      });
      gitlab.failNext({ method: 'GET', path: /^\/projects\/g%2Fp$/ }, 503);
      expect((await api('GET', '/projects/g%2Fp')).body).toEqual({
        message: '503 Service Unavailable',
      });
      expect((await api('GET', '/projects/g%2Fp')).status).toBe(200);
    });

    it('records every request so tests can assert that nothing was written', async () => {
      const { gitlab, api } = setup();
      await api('GET', '/users?username=kim');
      await api('POST', '/groups', { body: { name: 'T', path: 't' } });
      expect(gitlab.requests).toEqual([
        {
          method: 'GET',
          path: '/users',
          query: { username: 'kim' },
          body: undefined,
        },
        {
          method: 'POST',
          path: '/groups',
          query: {},
          body: { name: 'T', path: 't' },
        },
      ]);
      expect(
        gitlab.requests.filter(r => !['GET', 'HEAD'].includes(r.method)),
      ).toHaveLength(1);
    });

    it('records a violation for endpoints it does not implement', async () => {
      const { gitlab, api } = setup();
      expect(await api('GET', '/projects/1/hooks')).toMatchObject({
        status: 404,
        body: { error: '404 Not Found' },
      });
      expect(gitlab.violations).toEqual([
        'unhandled GitLab request GET /projects/1/hooks',
      ]);
    });
  });
});
