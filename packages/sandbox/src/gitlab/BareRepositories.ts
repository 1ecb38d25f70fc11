import fs from 'fs/promises';
import path from 'path';
import type {
  GitLabArchiveFormat,
  GitLabBlob,
  GitLabCommit,
  GitLabProject,
  GitLabRepositories,
  GitLabTreeEntry,
} from '@wombat/plugin-wombat-node-test-utils';
import { runGit, runGitOptional } from './git';
import { installProtectedBranchHook } from './protectedBranchHook';

// Fields of `git log --format`, separated by NUL, one commit per record.
const LOG_FIELDS = [
  '%H',
  '%P',
  '%s',
  '%B',
  '%an',
  '%ae',
  '%aI',
  '%cn',
  '%ce',
  '%cI',
];
const RECORD_END = '\x1e';

/**
 * The GitLab simulator's repositories: one real bare repository per project,
 * named by project id as GitLab's hashed storage does, so that renaming a
 * project never moves its repository. git clients reach them through
 * `git http-backend`; the API reads them with git's plumbing commands.
 */
export class BareRepositories implements GitLabRepositories {
  constructor(private readonly root: string) {}

  /** The bare repository of a project. */
  gitDir(project: Pick<GitLabProject, 'id'>): string {
    return path.join(this.root, `${project.id}.git`);
  }

  /** The folder that holds every repository, as `git http-backend`'s project root. */
  get projectRoot(): string {
    return this.root;
  }

  async create(
    project: GitLabProject,
    options: { initializeWithReadme: boolean },
  ): Promise<void> {
    const gitDir = this.gitDir(project);
    if (await isRepository(gitDir)) {
      // Copied from an earlier build of the same seed.
      return;
    }
    await fs.mkdir(gitDir, { recursive: true });
    await runGit(gitDir, [
      'init',
      '--bare',
      '--quiet',
      // No sample hooks or other template files: less to create and copy.
      '--template=',
      `--initial-branch=${project.default_branch}`,
    ]);
    await installProtectedBranchHook(gitDir);
    if (options.initializeWithReadme) {
      await this.commitFiles(
        project,
        { 'README.md': `# ${project.name}\n` },
        'Initial commit',
      );
    }
  }

  /**
   * Commits files on top of the default branch (or as its first commit),
   * the way the GitLab UI or the commits API would.
   */
  async commitFiles(
    project: GitLabProject,
    files: Record<string, string>,
    message: string,
  ): Promise<string> {
    const gitDir = this.gitDir(project);
    const branch = `refs/heads/${project.default_branch}`;
    const parent = await this.resolve(project, branch);
    const indexFile = path.join(gitDir, `sandbox-index-${process.pid}`);
    try {
      // Read the parent's tree, add the files, write the new tree.
      await runGitWithIndex(gitDir, indexFile, [
        'read-tree',
        ...(parent ? [parent] : ['--empty']),
      ]);
      for (const [filePath, content] of Object.entries(files)) {
        const blob = (
          await runGit(gitDir, ['hash-object', '-w', '--stdin'], {
            input: content,
          })
        )
          .toString()
          .trim();
        await runGitWithIndex(gitDir, indexFile, [
          'update-index',
          '--add',
          '--cacheinfo',
          `100644,${blob},${filePath}`,
        ]);
      }
      const tree = (await runGitWithIndex(gitDir, indexFile, ['write-tree']))
        .toString()
        .trim();
      const commit = (
        await runGit(
          gitDir,
          ['commit-tree', tree, ...(parent ? ['-p', parent] : [])],
          { input: `${message}\n` },
        )
      )
        .toString()
        .trim();
      await runGit(gitDir, ['update-ref', branch, commit]);
      return commit;
    } finally {
      await fs.rm(indexFile, { force: true });
    }
  }

  async resolve(
    project: GitLabProject,
    ref: string,
  ): Promise<string | undefined> {
    if (ref.startsWith('-')) {
      return undefined;
    }
    const out = await runGitOptional(this.gitDir(project), [
      'rev-parse',
      '--verify',
      '--quiet',
      `${ref}^{commit}`,
    ]);
    return out?.toString().trim() || undefined;
  }

  async log(
    project: GitLabProject,
    commitId: string,
    options: { path?: string } = {},
  ): Promise<GitLabCommit[]> {
    const out = await runGit(this.gitDir(project), [
      'log',
      `--format=${LOG_FIELDS.join('%x00')}${RECORD_END}`,
      commitId,
      '--',
      ...(options.path ? [options.path] : []),
    ]);
    return out
      .toString()
      .split(RECORD_END)
      .map(record => record.replace(/^\n/, ''))
      .filter(Boolean)
      .map(record => {
        const [id, parents, title, message, an, ae, ad, cn, ce, cd] =
          record.split('\0');
        return {
          id,
          parent_ids: parents ? parents.split(' ') : [],
          title,
          message,
          author_name: an,
          author_email: ae,
          authored_date: ad,
          committer_name: cn,
          committer_email: ce,
          committed_date: cd,
        };
      });
  }

  async readBlob(
    project: GitLabProject,
    commitId: string,
    filePath: string,
  ): Promise<GitLabBlob | undefined> {
    const gitDir = this.gitDir(project);
    const [entry] = await lsTree(gitDir, commitId, ['--', filePath]);
    if (!entry || entry.type !== 'blob' || entry.path !== filePath) {
      return undefined;
    }
    const content = await runGit(gitDir, ['cat-file', 'blob', entry.id]);
    return { id: entry.id, mode: entry.mode, content };
  }

  async readTree(
    project: GitLabProject,
    commitId: string,
    treePath: string,
    recursive: boolean,
  ): Promise<GitLabTreeEntry[] | undefined> {
    const gitDir = this.gitDir(project);
    if (treePath) {
      const [entry] = await lsTree(gitDir, commitId, ['--', treePath]);
      if (!entry || entry.type !== 'tree' || entry.path !== treePath) {
        return undefined;
      }
    }
    return lsTree(gitDir, commitId, [
      ...(recursive ? ['-r', '-t'] : []),
      '--',
      ...(treePath ? [`${treePath}/`] : []),
    ]);
  }

  async archive(
    project: GitLabProject,
    commitId: string,
    options: { format: GitLabArchiveFormat; prefix: string; path?: string },
  ): Promise<Buffer> {
    return runGit(this.gitDir(project), [
      'archive',
      `--format=${options.format}`,
      `--prefix=${options.prefix}/`,
      commitId,
      ...(options.path ? ['--', options.path] : []),
    ]);
  }

  async branches(
    project: GitLabProject,
  ): Promise<Array<{ name: string; commitId: string }>> {
    const out = await runGit(this.gitDir(project), [
      'for-each-ref',
      '--format=%(refname:short)%00%(objectname)',
      '--sort=refname',
      'refs/heads/',
    ]);
    return out
      .toString()
      .split('\n')
      .filter(Boolean)
      .map(line => {
        const [name, commitId] = line.split('\0');
        return { name, commitId };
      });
  }

  /** Points HEAD, which clones check out, at a branch. */
  async setHead(project: GitLabProject, branch: string): Promise<void> {
    await runGit(this.gitDir(project), [
      'symbolic-ref',
      'HEAD',
      `refs/heads/${branch}`,
    ]);
  }
}

async function isRepository(gitDir: string): Promise<boolean> {
  try {
    await fs.access(path.join(gitDir, 'HEAD'));
    return true;
  } catch {
    return false;
  }
}

/** A bare repository has no index; commits are built in a temporary one. */
function runGitWithIndex(gitDir: string, indexFile: string, args: string[]) {
  return runGit(gitDir, args, { env: { GIT_INDEX_FILE: indexFile } });
}

async function lsTree(
  gitDir: string,
  commitId: string,
  args: string[],
): Promise<GitLabTreeEntry[]> {
  const dashDash = args.indexOf('--');
  const out = await runGit(gitDir, [
    'ls-tree',
    '-z',
    ...args.slice(0, dashDash),
    commitId,
    ...args.slice(dashDash),
  ]);
  return out
    .toString()
    .split('\0')
    .filter(Boolean)
    .map(line => {
      const [meta, entryPath] = line.split('\t');
      const [mode, type, id] = meta.split(' ');
      return {
        id,
        name: entryPath.split('/').pop()!,
        type: type as GitLabTreeEntry['type'],
        path: entryPath,
        mode,
      };
    });
}
