import { registerMswTestHooks } from '@backstage/backend-test-utils';
// The client the scaffolder actions use, installed at the repository root.
import { Gitlab, GitbeakerRequestError } from '@gitbeaker/rest';
import { setupServer } from 'msw/node';
import { fakeEd25519PublicKey } from '../testing/sshKeys';
import { createFakeGitLab } from './FakeGitLab';

const server = setupServer();
registerMswTestHooks(server);

/** The fake driven through the client the scaffolder actions use. */
function setup() {
  const gitlab = createFakeGitLab();
  server.use(...gitlab.handlers);
  const api = new Gitlab({ host: gitlab.baseUrl, token: gitlab.token });
  return { gitlab, api };
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GitbeakerRequestError);
  const cause = (error as GitbeakerRequestError).cause as {
    description: string;
    response: Response;
  };
  return { status: cause.response.status, description: cause.description };
}

describe('createFakeGitLab with @gitbeaker/rest', () => {
  it('creates a group and a project, then finds them by path', async () => {
    const { gitlab, api } = setup();
    const group = await api.Groups.create('Team', 'team', {
      visibility: 'internal',
    });
    const project = await api.Projects.create({
      name: 'svc',
      namespaceId: group.id,
      visibility: 'private',
      defaultBranch: 'trunk',
      initializeWithReadme: true,
    });
    expect(project).toMatchObject({
      path_with_namespace: 'team/svc',
      default_branch: 'trunk',
      empty_repo: false,
    });
    expect((await api.Projects.show('team/svc')).id).toBe(project.id);
    expect((await api.Namespaces.show('team')).kind).toBe('group');
    expect(await api.Users.all({ username: 'maria' })).toEqual([
      expect.objectContaining({ id: 3 }),
    ]);
    expect(gitlab.violations).toEqual([]);
  });

  it('surfaces GitLab errors the way gitbeaker reports them', async () => {
    const { gitlab, api } = setup();
    const group = await api.Groups.create('Team', 'team');
    await api.Projects.create({ name: 'svc', namespaceId: group.id });

    const duplicate = await failure(
      api.Projects.create({ name: 'svc', namespaceId: group.id }),
    );
    expect(duplicate.status).toBe(400);
    expect(JSON.parse(duplicate.description)).toEqual({
      name: ['has already been taken'],
      path: ['has already been taken'],
      'project_namespace.name': ['has already been taken'],
    });

    const missing = await failure(api.Projects.show('team/ghost'));
    expect(missing).toEqual({
      status: 404,
      description: '404 Project Not Found',
    });
    expect(gitlab.violations).toEqual([]);
  });

  it('protects branches through query parameters', async () => {
    const { gitlab, api } = setup();
    const group = await api.Groups.create('Team', 'team');
    const project = await api.Projects.create({
      name: 'svc',
      namespaceId: group.id,
    });

    const conflict = await failure(
      api.ProtectedBranches.create(project.id, 'main', { pushAccessLevel: 40 }),
    );
    expect(conflict).toEqual({
      status: 409,
      description: "Protected branch 'main' already exists",
    });

    const edited = await api.ProtectedBranches.edit(project.id, 'main', {
      allowForcePush: true,
    });
    expect(edited.allow_force_push).toBe(true);

    const release = await api.ProtectedBranches.create(
      project.id,
      'release/1.x',
      {
        pushAccessLevel: 0,
        mergeAccessLevel: 40,
      },
    );
    expect(release.push_access_levels?.[0].access_level).toBe(0);
    expect(gitlab.requests.at(-1)).toMatchObject({
      method: 'POST',
      query: {
        name: 'release/1.x',
        push_access_level: '0',
        merge_access_level: '40',
      },
      body: {},
    });
    expect(
      (await api.ProtectedBranches.show(project.id, 'release/1.x')).name,
    ).toBe('release/1.x');
    expect(gitlab.violations).toEqual([]);
  });

  it('manages members, deploy keys and variables', async () => {
    const { gitlab, api } = setup();
    const group = await api.Groups.create('Team', 'team');
    const project = await api.Projects.create({
      name: 'svc',
      namespaceId: group.id,
    });

    await api.ProjectMembers.add(project.id, 30, { username: 'jdoe' });
    await api.ProjectMembers.add(project.id, 40, { userId: 4 });
    await api.ProjectMembers.edit(project.id, 2, 40);
    expect(
      (await api.ProjectMembers.all(project.id)).map(m => [
        m.username,
        m.access_level,
      ]),
    ).toEqual([
      ['jdoe', 40],
      ['kim', 40],
    ]);

    const key = await api.DeployKeys.create(
      project.id,
      'ci',
      fakeEd25519PublicKey(7),
      {
        canPush: true,
      },
    );
    expect(key).toMatchObject({ title: 'ci', can_push: true });
    expect(key.fingerprint_sha256).toMatch(/^SHA256:/);

    await api.ProjectVariables.create(
      project.id,
      'API_TOKEN',
      'secret-value-1',
      {
        masked: true,
        environmentScope: 'production',
      },
    );
    const shown = await api.ProjectVariables.show(project.id, 'API_TOKEN', {
      filter: { environment_scope: 'production' },
    });
    expect(shown).toMatchObject({
      masked: true,
      environment_scope: 'production',
    });
    await api.ProjectVariables.edit(project.id, 'API_TOKEN', 'secret-value-2', {
      filter: { environment_scope: 'production' },
    });
    expect(gitlab.state.projects[0].variables[0].value).toBe('secret-value-2');
    expect(gitlab.violations).toEqual([]);
  });

  it('follows pagination to the last page', async () => {
    const { gitlab, api } = setup();
    const group = await api.Groups.create('Team', 'team');
    const project = await api.Projects.create({
      name: 'svc',
      namespaceId: group.id,
    });
    for (let i = 0; i < 5; i++) {
      await api.ProjectVariables.create(project.id, `VAR_${i}`, `value-${i}`);
    }
    const all = await api.ProjectVariables.all(project.id, { perPage: 2 });
    expect(all.map(v => v.key)).toEqual([
      'VAR_0',
      'VAR_1',
      'VAR_2',
      'VAR_3',
      'VAR_4',
    ]);
    const listCalls = gitlab.requests.filter(
      r => r.method === 'GET' && r.path.endsWith('/variables'),
    );
    expect(listCalls.map(r => r.query.page)).toEqual([undefined, '2', '3']);

    const { paginationInfo } = await api.ProjectVariables.all(project.id, {
      perPage: 2,
      maxPages: 1,
      showExpanded: true,
    });
    expect(paginationInfo).toMatchObject({
      total: 5,
      totalPages: 3,
      perPage: 2,
      next: 2,
    });
  });

  it('gets through a 502 because gitbeaker retries it', async () => {
    const { gitlab, api } = setup();
    gitlab.failNext({ method: 'GET', path: /^\/namespaces\// }, 502, 2);
    expect((await api.Namespaces.show('root')).kind).toBe('user');
    expect(gitlab.requests).toHaveLength(3);
  });
});
