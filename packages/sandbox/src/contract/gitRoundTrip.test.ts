import { execFile } from 'child_process';
import fs from 'fs/promises';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { initRepoAndPush } from '@backstage/plugin-scaffolder-node';
import { Gitlab } from '@gitbeaker/rest';
import { SANDBOX_CREDENTIALS } from '../credentials';
import { startSandbox, type Sandbox } from '../startSandbox';

const execFileAsync = promisify(execFile);
const TOKEN = SANDBOX_CREDENTIALS.gitlab.token;

/** git with no user or system configuration, so the machine's cannot interfere. */
async function git(cwd: string, ...args: string[]) {
  const { stdout } = await execFileAsync('git', args, {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: cwd,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: 'Jane Doe',
      GIT_AUTHOR_EMAIL: 'jdoe@acme.example',
      GIT_COMMITTER_NAME: 'Jane Doe',
      GIT_COMMITTER_EMAIL: 'jdoe@acme.example',
    },
  });
  return stdout;
}

/** git's stderr when a command fails, for asserting refusals. */
async function gitFailure(cwd: string, ...args: string[]): Promise<string> {
  try {
    await git(cwd, ...args);
  } catch (error) {
    return (error as { stderr: string }).stderr;
  }
  throw new Error(`git ${args.join(' ')} succeeded`);
}

const CATALOG_INFO = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  annotations:
    wombat.dev/project: payments
spec:
  type: service
  lifecycle: experimental
  owner: group:default/team-payments
`;

describe('git round trip through the GitLab simulator', () => {
  let sandbox: Sandbox;
  let work: string;
  let api: InstanceType<typeof Gitlab<false>>;
  const remote = (project: string, token?: string) => {
    const url = new URL(`${sandbox.urls.gitlab}/${project}.git`);
    if (token) {
      url.username = 'oauth2';
      url.password = token;
    }
    return url.toString();
  };

  beforeAll(async () => {
    sandbox = await startSandbox();
    api = new Gitlab({ host: sandbox.urls.gitlab, token: TOKEN });
  });
  afterAll(() => sandbox.stop());
  beforeEach(async () => {
    await sandbox.reset();
    work = await fs.mkdtemp(path.join(os.tmpdir(), 'sandbox-git-'));
  });
  afterEach(() => fs.rm(work, { recursive: true, force: true }));

  async function createProject(name: string) {
    const group = await api.Groups.show('team-payments');
    return api.Projects.create({
      name,
      namespaceId: group.id,
      defaultBranch: 'main',
    });
  }

  it('pushes a commit with git, then reads it back through the files API and Backstage’s UrlReader', async () => {
    const project = await createProject('checkout');
    expect(project.empty_repo).toBe(true);
    expect(project.http_url_to_repo).toBe(
      `${sandbox.urls.gitlab}/team-payments/checkout.git`,
    );

    const clone = path.join(work, 'checkout');
    await git(
      work,
      'clone',
      '--quiet',
      remote('team-payments/checkout', TOKEN),
      clone,
    );
    await fs.mkdir(path.join(clone, 'docs'));
    await fs.writeFile(path.join(clone, 'catalog-info.yaml'), CATALOG_INFO);
    await fs.writeFile(path.join(clone, 'docs', 'index.md'), '# Checkout\n');
    await git(clone, 'add', '.');
    await git(clone, 'commit', '--quiet', '-m', 'Add catalog-info.yaml');
    await git(clone, 'push', '--quiet', 'origin', 'HEAD:main');
    const sha = (await git(clone, 'rev-parse', 'HEAD')).trim();

    const shown = await api.Projects.show(project.id);
    expect(shown.empty_repo).toBe(false);

    // The files API, as gitbeaker reads it: JSON with base64 content, and raw.
    const file = await api.RepositoryFiles.show(
      project.id,
      'catalog-info.yaml',
      'main',
    );
    expect(file).toMatchObject({
      file_name: 'catalog-info.yaml',
      file_path: 'catalog-info.yaml',
      encoding: 'base64',
      ref: 'main',
      commit_id: sha,
      last_commit_id: sha,
    });
    expect(Buffer.from(file.content, 'base64').toString()).toBe(CATALOG_INFO);
    const raw = await api.RepositoryFiles.showRaw(
      project.id,
      'docs/index.md',
      'main',
    );
    expect(raw).toBe('# Checkout\n');
    const tree = await api.Repositories.allRepositoryTrees(project.id, {
      recursive: true,
    });
    expect(tree.map(entry => [entry.path, entry.type])).toEqual([
      ['catalog-info.yaml', 'blob'],
      ['docs', 'tree'],
      ['docs/index.md', 'blob'],
    ]);

    // Backstage's GitLab UrlReader, configured the way app-config.yaml points at the sandbox.
    const reader = UrlReaders.default({
      config: new ConfigReader({
        integrations: sandbox.appConfig().integrations,
      }),
      logger: mockServices.logger.mock(),
    });
    const blobUrl = `${sandbox.urls.gitlab}/team-payments/checkout/-/blob/main/catalog-info.yaml`;
    const read = await reader.readUrl(blobUrl);
    expect((await read.buffer()).toString()).toBe(CATALOG_INFO);

    const treeResponse = await reader.readTree(
      `${sandbox.urls.gitlab}/team-payments/checkout/-/tree/main/docs`,
    );
    expect(treeResponse.etag).toBe(sha);
    const files = await treeResponse.files();
    expect(files.map(f => f.path)).toEqual(['index.md']);
    expect((await files[0].content()).toString()).toBe('# Checkout\n');

    const found = await reader.search(
      `${sandbox.urls.gitlab}/team-payments/checkout/-/blob/main/**/*.md`,
    );
    expect(found.files.map(f => f.url)).toEqual([
      `${sandbox.urls.gitlab}/team-payments/checkout/-/blob/main/docs/index.md`,
    ]);

    await expect(
      reader.readUrl(
        `${sandbox.urls.gitlab}/team-payments/checkout/-/blob/main/missing.yaml`,
      ),
    ).rejects.toThrow(/404/);
  });

  it('takes the scaffolder’s first push (isomorphic-git, as gitlab:project:create pushes)', async () => {
    const project = await createProject('svc');
    const workspace = path.join(work, 'workspace');
    await fs.mkdir(workspace);
    await fs.writeFile(path.join(workspace, 'catalog-info.yaml'), CATALOG_INFO);
    const { commitHash } = await initRepoAndPush({
      dir: workspace,
      remoteUrl: project.http_url_to_repo,
      auth: { username: 'oauth2', password: TOKEN },
      logger: mockServices.logger.mock(),
      defaultBranch: 'main',
      commitMessage: 'Initial commit',
    });
    const [commit] = await api.Commits.all(project.id, { refName: 'main' });
    expect(commit.id).toBe(commitHash);
    expect(commit.title).toBe('Initial commit');
    expect((await api.Projects.show(project.id)).empty_repo).toBe(false);
  });

  it('makes the first pushed branch the default when the default does not exist', async () => {
    await createProject('other');
    const clone = path.join(work, 'other');
    await git(
      work,
      'clone',
      '--quiet',
      remote('team-payments/other', TOKEN),
      clone,
    );
    await fs.writeFile(path.join(clone, 'README.md'), 'x\n');
    await git(clone, 'add', '.');
    await git(clone, 'commit', '--quiet', '-m', 'x');
    await git(clone, 'push', '--quiet', 'origin', 'HEAD:develop');
    const shown = await api.Projects.show('team-payments/other');
    expect(shown.default_branch).toBe('develop');
    const again = path.join(work, 'again');
    await git(
      work,
      'clone',
      '--quiet',
      remote('team-payments/other', TOKEN),
      again,
    );
    expect((await git(again, 'branch', '--show-current')).trim()).toBe(
      'develop',
    );
  });

  it('refuses what GitLab refuses: no or a wrong token, unknown projects, force pushes to a protected branch', async () => {
    const seeded = 'team-payments/payments-api';
    expect(
      await gitFailure(work, 'clone', remote(seeded), path.join(work, 'a')),
    ).toMatch(/Authentication failed|could not read Username/);
    expect(
      await gitFailure(
        work,
        'clone',
        remote(seeded, 'wrong-token'),
        path.join(work, 'b'),
      ),
    ).toMatch(/Authentication failed/);
    expect(
      await gitFailure(
        work,
        'clone',
        remote('team-payments/nope', TOKEN),
        path.join(work, 'c'),
      ),
    ).toMatch(/not found|404/);

    const response = await fetch(
      `${sandbox.urls.gitlab}/${seeded}.git/info/refs?service=git-upload-pack`,
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Basic realm="GitLab"',
    );

    const clone = path.join(work, 'd');
    await git(work, 'clone', '--quiet', remote(seeded, TOKEN), clone);
    await fs.writeFile(path.join(clone, 'README.md'), 'rewritten\n');
    await git(clone, 'commit', '--quiet', '--amend', '-am', 'rewrite history');
    expect(
      await gitFailure(clone, 'push', '--force', 'origin', 'HEAD:main'),
    ).toMatch(/You are not allowed to force push code to a protected branch/);
    expect(await gitFailure(clone, 'push', 'origin', ':main')).toMatch(
      /You can only delete protected branches using the web interface/,
    );
    // An unprotected branch takes both.
    await git(clone, 'push', '--quiet', 'origin', 'HEAD:feature');
    await git(clone, 'push', '--quiet', 'origin', ':feature');
  });

  it('serves a public project to anonymous clones', async () => {
    // A project is at most as visible as its group, as in GitLab.
    const group = await api.Groups.create('Open', 'open-source', {
      visibility: 'public',
    });
    await api.Projects.create({
      name: 'open',
      namespaceId: group.id,
      visibility: 'public',
      initializeWithReadme: true,
    });
    const clone = path.join(work, 'open');
    await git(work, 'clone', '--quiet', remote('open-source/open'), clone);
    expect(await fs.readFile(path.join(clone, 'README.md'), 'utf8')).toBe(
      '# open\n',
    );
  });
});
