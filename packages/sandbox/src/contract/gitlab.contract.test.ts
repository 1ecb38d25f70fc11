import { Gitlab, GitbeakerRequestError } from '@gitbeaker/rest';
import { SANDBOX_CREDENTIALS } from '../credentials';
import { startSandbox, type Sandbox } from '../startSandbox';

const TOKEN = SANDBOX_CREDENTIALS.gitlab.token;
const DEPLOY_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGi5pO8xK8W1sfbXBxVZ0vWjzB5v0S4d5Ugu4ZzmxFsR deploy@example';

/** The status and parsed description of a refused gitbeaker call. */
async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (error instanceof GitbeakerRequestError) {
      const description = String(error.cause?.description ?? '');
      let message: unknown = description;
      try {
        message = JSON.parse(description);
      } catch {
        // a plain string message
      }
      return { status: error.cause?.response?.status, message };
    }
    throw error;
  }
  throw new Error('The call succeeded');
}

/**
 * Contract tests of the GitLab simulator: requests GitLab accepts are
 * accepted with GitLab's answers, the ones it refuses are refused the same
 * way. Driven by @gitbeaker/rest, the client Wombat uses.
 */
describe('GitLab simulator contract', () => {
  let sandbox: Sandbox;
  let api: InstanceType<typeof Gitlab<false>>;
  const rest = (path: string, init: RequestInit = {}) =>
    fetch(`${sandbox.urls.gitlab}/api/v4${path}`, {
      ...init,
      headers: { 'private-token': TOKEN, ...init.headers },
    });

  beforeAll(async () => {
    sandbox = await startSandbox();
    api = new Gitlab({ host: sandbox.urls.gitlab, token: TOKEN });
  });
  afterAll(() => sandbox.stop());
  beforeEach(() => sandbox.reset());

  it('checks PRIVATE-TOKEN', async () => {
    const unauthenticated: Array<Record<string, string>> = [
      {},
      { 'private-token': 'wrong' },
    ];
    for (const headers of unauthenticated) {
      const response = await fetch(`${sandbox.urls.gitlab}/api/v4/projects/1`, {
        headers,
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: '401 Unauthorized' });
    }
    const wrong = new Gitlab({ host: sandbox.urls.gitlab, token: 'wrong' });
    expect(await refusal(wrong.Users.showCurrentUser())).toEqual({
      status: 401,
      message: '401 Unauthorized',
    });
    expect(await api.Users.showCurrentUser()).toMatchObject({
      id: 1,
      username: 'root',
    });
  });

  it('has the demo org’s users, found by username, with pagination headers', async () => {
    const [jdoe] = await api.Users.all({ username: 'jdoe' });
    expect(jdoe).toMatchObject({
      username: 'jdoe',
      name: 'Jane Doe',
      state: 'active',
    });
    expect(await api.Users.show(jdoe.id)).toMatchObject({ username: 'jdoe' });

    const page = await rest('/users?per_page=3&page=2');
    expect(page.status).toBe(200);
    expect((await page.json()).length).toBe(3);
    expect(Object.fromEntries(page.headers)).toMatchObject({
      'x-page': '2',
      'x-per-page': '3',
      'x-total': '11',
      'x-total-pages': '4',
      'x-next-page': '3',
      'x-prev-page': '1',
    });
    expect(page.headers.get('link')).toContain('rel="next"');
    // gitbeaker follows Link across pages.
    const all = await api.Users.all({ perPage: 3 });
    expect(all).toHaveLength(11);
  });

  it('lists groups and projects the way Backstage’s GitLab autocompletion reads them', async () => {
    const groups = await api.Groups.all({
      pagination: 'offset',
      page: 1,
      perPage: 100,
    });
    expect(groups.map(g => g.full_path)).toEqual(
      expect.arrayContaining([
        'platform',
        'platform/platform-admins',
        'team-payments',
      ]),
    );
    const payments = groups.find(g => g.full_path === 'team-payments')!;
    const projects = await api.Groups.allProjects(payments.id);
    expect(projects.map(p => [p.path, p.visibility]).sort()).toEqual([
      ['fraud-model', 'private'], // of the private project risk-engine
      ['invoice-worker', 'internal'],
      ['payments-api', 'internal'],
    ]);
    expect(await api.Projects.all({ search: 'storefront' })).toEqual([
      expect.objectContaining({ path_with_namespace: 'team-web/storefront' }),
    ]);
    const root = await api.Users.showCurrentUser();
    expect(await api.Users.allProjects(root.id)).toEqual([]);
    expect(await refusal(api.Groups.allProjects(9999))).toEqual({
      status: 404,
      message: '404 Group Not Found',
    });
  });

  it('creates groups and subgroups; a taken path is a 400', async () => {
    const parent = await api.Groups.create('Data', 'data', {
      visibility: 'internal',
    });
    const child = await api.Groups.create('Lake', 'lake', {
      parentId: parent.id,
    });
    expect(child).toMatchObject({
      full_path: 'data/lake',
      parent_id: parent.id,
    });
    expect(await api.Groups.show('data/lake')).toMatchObject({ id: child.id });
    expect(await refusal(api.Groups.create('Data', 'data'))).toEqual({
      status: 400,
      message: 'Failed to save group {:path=>["has already been taken"]}',
    });
    expect(await refusal(api.Groups.create('Bad', 'a b'))).toMatchObject({
      status: 400,
      message: expect.stringMatching(
        /^Failed to save group \{:path=>\["can contain only/,
      ),
    });
  });

  it('edits a group’s description and a project’s topics; GitLab’s length and topic rules hold', async () => {
    const group = await api.Groups.create('Orders', 'orders', {
      description: 'Orders team',
    });
    const stamped = 'Orders team\n\nwombat-project.default.orders';
    expect(
      await api.Groups.edit(group.id, { description: stamped }),
    ).toMatchObject({ id: group.id, name: 'Orders', description: stamped });
    expect((await api.Groups.show('orders')).description).toBe(stamped);
    expect(
      await refusal(
        api.Groups.edit(group.id, { description: 'x'.repeat(256) }),
      ),
    ).toEqual({
      status: 400,
      message: { description: ['is too long (maximum is 255 characters)'] },
    });

    // Topics are split on commas and keep the instance's first spelling.
    const project = await api.Projects.create({
      name: 'api',
      namespaceId: group.id,
      topics: ['Orders,api '],
    });
    expect(project.topics).toEqual(['Orders', 'api']);
    const edited = await api.Projects.edit(project.id, {
      topics: ['orders', 'api', 'wombat-project.default.orders'],
    });
    expect(edited.topics).toEqual([
      'Orders',
      'api',
      'wombat-project.default.orders',
    ]);
    expect((await api.Projects.show('orders/api')).topics).toEqual(
      edited.topics,
    );
    expect(await refusal(api.Projects.edit(project.id, {}))).toMatchObject({
      status: 400,
      message: expect.stringMatching(
        /are missing, at least one parameter must be provided$/,
      ),
    });
  });

  it('creates a project, shows it by id and by URL-encoded path; a duplicate path is a 400', async () => {
    const group = await api.Groups.show('team-web');
    const project = await api.Projects.create({
      name: 'Cart',
      path: 'cart',
      namespaceId: group.id,
      visibility: 'internal',
      defaultBranch: 'main',
    });
    expect(project).toMatchObject({
      name: 'Cart',
      path_with_namespace: 'team-web/cart',
      namespace: { id: group.id, full_path: 'team-web' },
      default_branch: 'main',
      empty_repo: true,
      http_url_to_repo: `${sandbox.urls.gitlab}/team-web/cart.git`,
      web_url: `${sandbox.urls.gitlab}/team-web/cart`,
    });
    expect(await api.Projects.show(project.id)).toMatchObject({
      id: project.id,
    });
    expect(await api.Projects.show('team-web/cart')).toMatchObject({
      id: project.id,
    });

    const unencoded = await rest('/projects/team-web/cart');
    expect(unencoded.status).toBe(404);

    const duplicate = await refusal(
      api.Projects.create({
        name: 'Cart',
        path: 'cart',
        namespaceId: group.id,
      }),
    );
    expect(duplicate).toEqual({
      status: 400,
      message: {
        name: ['has already been taken'],
        path: ['has already been taken'],
        'project_namespace.name': ['has already been taken'],
      },
    });
    expect(await refusal(api.Projects.show('team-web/nope'))).toEqual({
      status: 404,
      message: '404 Project Not Found',
    });
  });

  it('protects the default branch on creation, as GitLab does', async () => {
    const group = await api.Groups.show('team-web');
    const project = await api.Projects.create({
      name: 'pb',
      namespaceId: group.id,
    });
    const rule = await api.ProtectedBranches.show(project.id, 'main');
    expect(rule).toMatchObject({
      name: 'main',
      allow_force_push: false,
      push_access_levels: [expect.objectContaining({ access_level: 40 })],
      merge_access_levels: [expect.objectContaining({ access_level: 40 })],
    });
    expect(
      await refusal(
        api.ProtectedBranches.create(project.id, 'main', {
          pushAccessLevel: 30,
        }),
      ),
    ).toEqual({
      status: 409,
      message: "Protected branch 'main' already exists",
    });
    await api.ProtectedBranches.unprotect(project.id, 'main');
    const created = await api.ProtectedBranches.create(project.id, 'main', {
      pushAccessLevel: 30,
      mergeAccessLevel: 30,
    });
    expect(created.push_access_levels?.[0].access_level).toBe(30);
  });

  it('adds members; a duplicate is a 409 and an unknown user a 404', async () => {
    const project = await api.Projects.show('team-payments/payments-api');
    const [maria] = await api.Users.all({ username: 'maria' });
    const member = await api.ProjectMembers.add(project.id, 30, {
      userId: maria.id,
    });
    expect(member).toMatchObject({
      id: maria.id,
      username: 'maria',
      access_level: 30,
    });
    expect(await api.ProjectMembers.all(project.id)).toEqual([
      expect.objectContaining({ username: 'maria', access_level: 30 }),
    ]);
    expect(
      await refusal(
        api.ProjectMembers.add(project.id, 30, { userId: maria.id }),
      ),
    ).toEqual({ status: 409, message: 'Member already exists' });
    expect(
      await refusal(api.ProjectMembers.add(project.id, 30, { userId: 9999 })),
    ).toEqual({ status: 404, message: '404 User Not Found' });
    expect(
      await refusal(
        api.ProjectMembers.add(project.id, 31 as 30, { userId: maria.id }),
      ),
    ).toMatchObject({ status: 400 });
  });

  it('adds deploy keys; an invalid key or the same key twice is a 400', async () => {
    const project = await api.Projects.show('team-payments/payments-api');
    const key = await api.DeployKeys.create(project.id, 'ci', DEPLOY_KEY, {
      canPush: false,
    });
    expect(key).toMatchObject({
      title: 'ci',
      key: DEPLOY_KEY,
      can_push: false,
      fingerprint_sha256: expect.stringMatching(/^SHA256:/),
    });
    expect(
      await refusal(api.DeployKeys.create(project.id, 'again', DEPLOY_KEY)),
    ).toMatchObject({
      status: 400,
    });
    expect(
      await refusal(
        api.DeployKeys.create(project.id, 'bad', 'ssh-rsa nonsense'),
      ),
    ).toEqual({
      status: 400,
      message: {
        key: ['is invalid'],
        fingerprint_sha256: ['cannot be generated'],
      },
    });
  });

  it('keeps CI variables; a duplicate key or an unmaskable masked value is a 400', async () => {
    const project = await api.Projects.show('team-payments/payments-api');
    const variable = await api.ProjectVariables.create(
      project.id,
      'HARBOR_PASSWORD',
      's3cr3t-value',
      {
        masked: true,
        raw: true,
      },
    );
    expect(variable).toMatchObject({
      key: 'HARBOR_PASSWORD',
      value: 's3cr3t-value',
      masked: true,
      raw: true,
      environment_scope: '*',
    });
    expect(
      await refusal(
        api.ProjectVariables.create(
          project.id,
          'HARBOR_PASSWORD',
          'other-value',
        ),
      ),
    ).toEqual({
      status: 400,
      message: { key: ['(HARBOR_PASSWORD) has already been taken'] },
    });
    expect(
      await refusal(
        api.ProjectVariables.create(project.id, 'SHORT', 'abc', {
          masked: true,
        }),
      ),
    ).toEqual({ status: 400, message: { value: ['is invalid'] } });
    const edited = await api.ProjectVariables.edit(
      project.id,
      'HARBOR_PASSWORD',
      'n3w-s3cr3t-value',
    );
    expect(edited.value).toBe('n3w-s3cr3t-value');
  });

  it('reads the repository of a seeded project: files, tree, commits, branches, archive', async () => {
    const id = encodeURIComponent('team-payments/payments-api');
    const json = await rest(
      `/projects/${id}/repository/files/catalog-info.yaml?ref=main`,
    );
    expect(json.status).toBe(200);
    const file = await json.json();
    expect(Buffer.from(file.content, 'base64').toString()).toContain(
      'name: payments-api',
    );
    expect(json.headers.get('x-gitlab-file-path')).toBe('catalog-info.yaml');

    expect(
      (await rest(`/projects/${id}/repository/files/catalog-info.yaml`)).status,
    ).toBe(400);
    const missing = await rest(
      `/projects/${id}/repository/files/nope.yaml/raw?ref=main`,
    );
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: '404 File Not Found' });
    const badRef = await rest(
      `/projects/${id}/repository/files/README.md/raw?ref=nope`,
    );
    expect(await badRef.json()).toEqual({ message: '404 Commit Not Found' });

    const raw = await rest(`/projects/${id}/repository/files/README.md/raw`);
    expect(raw.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await raw.text()).toMatch(/^# payments-api/);

    const commits = await api.Commits.all('team-payments/payments-api');
    expect(commits).toEqual([
      expect.objectContaining({ title: 'Initial commit' }),
    ]);
    const branches = await api.Branches.all('team-payments/payments-api');
    expect(branches).toEqual([
      expect.objectContaining({
        name: 'main',
        default: true,
        protected: true,
        commit: expect.objectContaining({ id: commits[0].id }),
      }),
    ]);

    const archive = await rest(
      `/projects/${id}/repository/archive.tar.gz?sha=main`,
    );
    expect(archive.status).toBe(200);
    expect(archive.headers.get('content-disposition')).toBe(
      `attachment; filename="payments-api-main-${commits[0].id}.tar.gz"`,
    );
    const bytes = Buffer.from(await archive.arrayBuffer());
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });
});
