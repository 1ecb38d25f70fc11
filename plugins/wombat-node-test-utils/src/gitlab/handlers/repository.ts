import { createHash } from 'crypto';
import { HttpResponse } from 'msw';
import type { GitLabContext, GitLabRoute } from '../GitLabContext';
import type {
  GitLabArchiveFormat,
  GitLabCommit,
  GitLabRepositories,
} from '../GitLabRepositories';
import type { GitLabProject } from '../GitLabState';
import { paginatedJson } from '../pagination';
import { withProject } from '../projectRoutes';
import { gitlabJson, gitlabNotFound, grapeError } from '../responses';
import { decodeSegment, type RouteParams } from '../../shared/routing';

type RepositoryHandler = (
  context: GitLabContext,
  project: GitLabProject,
  repositories: GitLabRepositories,
  params: RouteParams,
) => Promise<Response>;

/**
 * Runs a repository handler for the project in `:id`. A fake created without
 * repositories has none of these endpoints: it answers like an unknown route.
 */
function repositoryRoute(
  pattern: string,
  handle: RepositoryHandler,
): GitLabRoute {
  return {
    method: 'GET',
    pattern,
    handle(context, params) {
      const { repositories } = context;
      if (!repositories) {
        context.violation(
          `GET ${context.request.apiPath}: this GitLab fake has no repositories`,
        );
        return grapeError('404 Not Found', 404);
      }
      return withProject(context, params.id, project =>
        handle(context, project, repositories, params),
      );
    },
  };
}

/** The commit a `ref` parameter names; the default branch when it is absent. */
async function resolveRef(
  project: GitLabProject,
  repositories: GitLabRepositories,
  ref: string | undefined,
): Promise<string | undefined> {
  return repositories.resolve(project, ref || project.default_branch);
}

export function commitJson(commit: GitLabCommit, webUrl: string) {
  return {
    id: commit.id,
    short_id: commit.id.slice(0, 8),
    created_at: commit.committed_date,
    parent_ids: commit.parent_ids,
    title: commit.title,
    message: commit.message,
    author_name: commit.author_name,
    author_email: commit.author_email,
    authored_date: commit.authored_date,
    committer_name: commit.committer_name,
    committer_email: commit.committer_email,
    committed_date: commit.committed_date,
    trailers: {},
    extended_trailers: {},
    web_url: `${webUrl}/-/commit/${commit.id}`,
  };
}

function projectWebUrl(context: GitLabContext, project: GitLabProject) {
  return `${context.baseUrl}/${project.path_with_namespace}`;
}

/** `:file_path` is one URL-encoded segment (`dir%2Ffile.yaml`). */
function filePathParam(raw: string): string | undefined {
  const decoded = decodeSegment(raw);
  return decoded?.replace(/^\/+/, '') || undefined;
}

/** Headers GitLab sets on both file endpoints (`X-Gitlab-*`). */
async function fileHeaders(
  project: GitLabProject,
  repositories: GitLabRepositories,
  commitId: string,
  ref: string,
  path: string,
  blob: { id: string; mode: string; content: Buffer },
) {
  const [last] = await repositories.log(project, commitId, { path });
  return {
    'x-gitlab-blob-id': blob.id,
    'x-gitlab-commit-id': commitId,
    'x-gitlab-content-sha256': createHash('sha256')
      .update(blob.content)
      .digest('hex'),
    'x-gitlab-encoding': 'base64',
    'x-gitlab-execute-filemode': String(blob.mode === '100755'),
    'x-gitlab-file-name': path.split('/').pop()!,
    'x-gitlab-file-path': path,
    'x-gitlab-last-commit-id': last?.id ?? commitId,
    'x-gitlab-ref': ref,
    'x-gitlab-size': String(blob.content.length),
  };
}

/** Both file endpoints: the file at a ref, or GitLab's 404 for what is missing. */
async function withFile(
  project: GitLabProject,
  repositories: GitLabRepositories,
  rawPath: string,
  ref: string,
  answer: (file: {
    path: string;
    commitId: string;
    blob: { id: string; mode: string; content: Buffer };
    headers: Record<string, string>;
  }) => Response,
): Promise<Response> {
  const path = filePathParam(rawPath);
  if (!path) {
    return grapeError('file_path should be a valid file path');
  }
  const commitId = await repositories.resolve(project, ref);
  if (!commitId) {
    return gitlabNotFound('Commit');
  }
  const blob = await repositories.readBlob(project, commitId, path);
  if (!blob) {
    return gitlabNotFound('File');
  }
  const headers = await fileHeaders(
    project,
    repositories,
    commitId,
    ref,
    path,
    blob,
  );
  return answer({ path, commitId, blob, headers });
}

// API responses that must not be cached, as GitLab's `no_cache_headers`.
const NO_CACHE = {
  'cache-control': 'no-cache, no-store',
  pragma: 'no-cache',
  expires: 'Fri, 01 Jan 1990 00:00:00 GMT',
};

const ARCHIVE_FORMATS: Record<string, GitLabArchiveFormat> = {
  'tar.gz': 'tar.gz',
  tgz: 'tar.gz',
  gz: 'tar.gz',
  tar: 'tar',
  zip: 'zip',
};

async function archive(
  context: GitLabContext,
  project: GitLabProject,
  repositories: GitLabRepositories,
  formatName: string,
): Promise<Response> {
  const format = ARCHIVE_FORMATS[formatName];
  if (!format) {
    return grapeError('404 Not Found', 404);
  }
  const { sha, path } = context.request.query;
  const ref = sha || project.default_branch;
  const commitId = await repositories.resolve(project, ref);
  if (!commitId) {
    return gitlabNotFound('File');
  }
  // Repository#archive_prefix: <project path>-<ref>-<commit>[-<path>].
  const prefix = [
    project.path,
    ref.replace(/\//g, '-'),
    ...(ref === commitId ? [] : [commitId]),
    ...(path ? [path.replace(/^\/+|\/+$/g, '').replace(/\//g, '-')] : []),
  ].join('-');
  const body = await repositories.archive(project, commitId, {
    format,
    prefix,
    path: path || undefined,
  });
  return new HttpResponse(body, {
    status: 200,
    headers: {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${prefix}.${format}"`,
      'content-transfer-encoding': 'binary',
    },
  });
}

/**
 * The repository endpoints Backstage's GitLab UrlReader and integration
 * read: files (JSON and raw), tree, commits, branches and archives.
 */
export const repositoryRoutes: GitLabRoute[] = [
  repositoryRoute(
    '/projects/:id/repository/files/:file_path/raw',
    (context, project, repositories, { file_path }) =>
      withFile(
        project,
        repositories,
        file_path,
        context.request.query.ref || project.default_branch,
        ({ blob, headers, path }) =>
          new HttpResponse(blob.content, {
            status: 200,
            headers: {
              ...headers,
              ...NO_CACHE,
              'content-type': 'text/plain; charset=utf-8',
              'content-disposition': `inline; filename="${path
                .split('/')
                .pop()}"`,
            },
          }),
      ),
  ),
  repositoryRoute(
    '/projects/:id/repository/files/:file_path',
    async (context, project, repositories, { file_path }) => {
      const { ref } = context.request.query;
      if (!ref) {
        return grapeError('ref is missing');
      }
      return withFile(
        project,
        repositories,
        file_path,
        ref,
        ({ blob, headers, path, commitId }) =>
          gitlabJson(
            {
              file_name: headers['x-gitlab-file-name'],
              file_path: path,
              size: blob.content.length,
              encoding: 'base64',
              content_sha256: headers['x-gitlab-content-sha256'],
              ref,
              blob_id: blob.id,
              commit_id: commitId,
              last_commit_id: headers['x-gitlab-last-commit-id'],
              execute_filemode: blob.mode === '100755',
              content: blob.content.toString('base64'),
            },
            200,
            headers,
          ),
      );
    },
  ),
  repositoryRoute(
    '/projects/:id/repository/tree',
    async (context, project, repositories) => {
      const { ref, path = '', recursive } = context.request.query;
      const commitId = await resolveRef(project, repositories, ref);
      if (!commitId) {
        return gitlabNotFound('Tree');
      }
      const entries =
        (await repositories.readTree(
          project,
          commitId,
          path.replace(/^\/+|\/+$/g, ''),
          recursive === 'true',
        )) ?? [];
      return paginatedJson(context, entries, entry => entry);
    },
  ),
  repositoryRoute(
    '/projects/:id/repository/commits',
    async (context, project, repositories) => {
      const { ref_name, path } = context.request.query;
      const commitId = await resolveRef(project, repositories, ref_name);
      const commits = commitId
        ? await repositories.log(project, commitId, { path: path || undefined })
        : [];
      const webUrl = projectWebUrl(context, project);
      return paginatedJson(context, commits, commit =>
        commitJson(commit, webUrl),
      );
    },
  ),
  repositoryRoute(
    '/projects/:id/repository/commits/:sha',
    async (context, project, repositories, { sha }) => {
      const commitId = await repositories.resolve(
        project,
        decodeSegment(sha) ?? sha,
      );
      const [commit] = commitId
        ? await repositories.log(project, commitId)
        : [];
      return commit
        ? gitlabJson(commitJson(commit, projectWebUrl(context, project)))
        : gitlabNotFound('Commit');
    },
  ),
  repositoryRoute(
    '/projects/:id/repository/branches',
    async (context, project, repositories) => {
      const branches = await branchesJson(context, project, repositories);
      const { search } = context.request.query;
      return paginatedJson(
        context,
        search ? branches.filter(b => b.name.includes(search)) : branches,
        branch => branch,
      );
    },
  ),
  repositoryRoute(
    '/projects/:id/repository/branches/:branch',
    async (context, project, repositories, { branch }) => {
      const name = decodeSegment(branch) ?? branch;
      const found = (await branchesJson(context, project, repositories)).find(
        b => b.name === name,
      );
      return found ? gitlabJson(found) : gitlabNotFound('Branch');
    },
  ),
  repositoryRoute(
    '/projects/:id/repository/archive',
    (context, project, repositories) =>
      archive(
        context,
        project,
        repositories,
        context.request.query.format || 'tar.gz',
      ),
  ),
  ...Object.keys(ARCHIVE_FORMATS).map(format =>
    repositoryRoute(
      `/projects/:id/repository/archive.${format}`,
      (context, project, repositories) =>
        archive(context, project, repositories, format),
    ),
  ),
];

async function branchesJson(
  context: GitLabContext,
  project: GitLabProject,
  repositories: GitLabRepositories,
) {
  const webUrl = projectWebUrl(context, project);
  const branches = await repositories.branches(project);
  return Promise.all(
    branches.map(async ({ name, commitId }) => {
      const [commit] = await repositories.log(project, commitId);
      const isProtected = project.protectedBranches.some(
        rule => rule.name === name,
      );
      return {
        name,
        commit: commitJson(commit, webUrl),
        merged: false,
        protected: isProtected,
        developers_can_push: !isProtected,
        developers_can_merge: !isProtected,
        can_push: true,
        default: name === project.default_branch,
        web_url: `${webUrl}/-/tree/${encodeURIComponent(name)}`,
      };
    }),
  );
}
