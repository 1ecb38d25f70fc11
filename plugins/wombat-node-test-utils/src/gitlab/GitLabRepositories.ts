import type { GitLabProject } from './GitLabState';

/** A commit, with the fields GitLab's Commit entity renders. @public */
export interface GitLabCommit {
  id: string;
  parent_ids: string[];
  title: string;
  message: string;
  author_name: string;
  author_email: string;
  authored_date: string;
  committer_name: string;
  committer_email: string;
  committed_date: string;
}

/** A file's content at a commit. @public */
export interface GitLabBlob {
  /** The blob's object id. */
  id: string;
  /** Git's file mode, e.g. `100644` or `100755`. */
  mode: string;
  content: Buffer;
}

/** One entry of a repository tree, as `GET …/repository/tree` lists it. @public */
export interface GitLabTreeEntry {
  id: string;
  name: string;
  type: 'tree' | 'blob' | 'commit';
  path: string;
  mode: string;
}

/** Archive formats of `GET …/repository/archive[.format]`. @public */
export type GitLabArchiveFormat = 'tar.gz' | 'tar' | 'zip';

/**
 * Where the GitLab fake keeps the contents of its projects' repositories.
 * Without one the fake has no repository endpoints; the sandbox backs it
 * with real bare repositories, which git clients push to and clone from.
 *
 * @public
 */
export interface GitLabRepositories {
  /**
   * Creates the repository of a new project, its HEAD on the default branch:
   * empty, or with a README.md commit as `initialize_with_readme` asks.
   */
  create(
    project: GitLabProject,
    options: { initializeWithReadme: boolean },
  ): Promise<void>;
  /** The commit id a branch, tag or commit id names, or undefined. */
  resolve(project: GitLabProject, ref: string): Promise<string | undefined>;
  /** Commits reachable from `commitId`, newest first, optionally only those touching `path`. */
  log(
    project: GitLabProject,
    commitId: string,
    options?: { path?: string },
  ): Promise<GitLabCommit[]>;
  /** A file at a commit, or undefined when there is no file at that path. */
  readBlob(
    project: GitLabProject,
    commitId: string,
    path: string,
  ): Promise<GitLabBlob | undefined>;
  /** The entries under `path` ('' for the root), or undefined when it is not a directory. */
  readTree(
    project: GitLabProject,
    commitId: string,
    path: string,
    recursive: boolean,
  ): Promise<GitLabTreeEntry[] | undefined>;
  /** The tree at a commit (or only `path` in it) as an archive whose entries start with `prefix/`. */
  archive(
    project: GitLabProject,
    commitId: string,
    options: { format: GitLabArchiveFormat; prefix: string; path?: string },
  ): Promise<Buffer>;
  /** The branches and the commit each points to, sorted by name. */
  branches(
    project: GitLabProject,
  ): Promise<Array<{ name: string; commitId: string }>>;
}
