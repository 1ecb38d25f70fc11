import type { IncomingMessage, ServerResponse } from 'http';
import type {
  FakeGitLab,
  GitLabProject,
} from '@wombat/plugin-wombat-node-test-utils';
import type { BareRepositories } from './BareRepositories';
import { runGitHttpBackend } from './gitHttpBackend';
import { writeProtectedBranchRules } from './protectedBranchHook';

// `/<namespace>/<project>[.git]/<smart HTTP endpoint>`, as GitLab routes it.
const GIT_PATH =
  /^\/(.+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack)$/;

const ACCESS_DENIED =
  "HTTP Basic: Access denied. If a password was provided for Git authentication, the password was incorrect or you're required to use a token instead of a password. If a token was provided, it was either incorrect, expired, or improperly scoped.\n";
const PROJECT_NOT_FOUND =
  "The project you were looking for could not be found or you don't have permission to view it.\n";

/** Whether a request is git's smart HTTP protocol rather than the API. */
export function isGitRequest(pathname: string): boolean {
  return GIT_PATH.test(pathname);
}

/**
 * Git over HTTP for the GitLab simulator: GitLab's authentication in front
 * (a token as the Basic password, with any user name; anonymous reads of
 * public projects), then git's own http-backend on the project's bare
 * repository, then what GitLab does after a push: the project is no longer
 * empty, and a first push to another branch makes that the default branch.
 */
export async function serveGitRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  gitlab: FakeGitLab,
  repositories: BareRepositories,
): Promise<void> {
  const [, projectPath, endpoint] = GIT_PATH.exec(url.pathname)!;
  const service =
    endpoint === 'info/refs' ? url.searchParams.get('service') : endpoint;
  const isPush = service === 'git-receive-pack';
  const credentials = basicPassword(req.headers.authorization);
  const authenticated = credentials === gitlab.token;

  const project = findByPath(gitlab.state.projects, projectPath);
  const mayRead =
    authenticated ||
    (credentials === undefined && !isPush && project?.visibility === 'public');
  if (!mayRead) {
    denied(res);
    return;
  }
  if (!project) {
    text(res, 404, PROJECT_NOT_FOUND);
    return;
  }

  const gitDir = repositories.gitDir(project);
  if (isPush) {
    await writeProtectedBranchRules(gitDir, project);
  }
  await runGitHttpBackend(req, res, {
    projectRoot: repositories.projectRoot,
    pathInfo: `/${project.id}.git/${endpoint}`,
    query: url.search.replace(/^\?/, ''),
    remoteUser: authenticated ? gitlab.state.users[0].username : undefined,
    beforeEnd: async code => {
      if (endpoint === 'git-receive-pack' && code === 0) {
        await afterPush(project, repositories);
      }
    },
  });
}

async function afterPush(
  project: GitLabProject,
  repositories: BareRepositories,
) {
  const branches = await repositories.branches(project);
  project.empty_repo = branches.length === 0;
  if (
    branches.length > 0 &&
    !branches.some(branch => branch.name === project.default_branch)
  ) {
    project.default_branch = branches[0].name;
    await repositories.setHead(project, project.default_branch);
  }
}

function findByPath(
  projects: GitLabProject[],
  path: string,
): GitLabProject | undefined {
  const wanted = path.toLowerCase();
  return projects.find(p => p.path_with_namespace.toLowerCase() === wanted);
}

/** The password of a Basic `Authorization` header, if there is one. */
function basicPassword(header: string | undefined): string | undefined {
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

function denied(res: ServerResponse) {
  res.setHeader('www-authenticate', 'Basic realm="GitLab"');
  text(res, 401, ACCESS_DENIED);
}

function text(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}
