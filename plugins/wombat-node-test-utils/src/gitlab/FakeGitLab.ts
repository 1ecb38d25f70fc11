import { http, HttpResponse } from 'msw';
import {
  basePathOf,
  readIncomingRequest,
  type IncomingRequest,
} from '../shared/incomingRequest';
import {
  decodeSegment,
  findRoute,
  matchWithUnencodedParam,
  type RouteParams,
} from '../shared/routing';
import { ScheduledFailures } from '../shared/ScheduledFailures';
import type { FakeCommon } from '../shared/types';
import { camelCaseKeys, withoutCamelCaseKeys } from './contractChecks';
import type { GitLabContext, GitLabRoute } from './GitLabContext';
import type { GitLabRepositories } from './GitLabRepositories';
import type { GitLabState } from './GitLabState';
import { deployKeyRoutes } from './handlers/deployKeys';
import { groupRoutes } from './handlers/groups';
import { listingRoutes } from './handlers/listings';
import { memberRoutes } from './handlers/members';
import { namespaceRoutes } from './handlers/namespaces';
import { projectRoutes } from './handlers/projects';
import { protectedBranchRoutes } from './handlers/protectedBranches';
import { repositoryRoutes } from './handlers/repository';
import { userRoutes } from './handlers/users';
import { variableRoutes } from './handlers/variables';
import { findNamespace, findProject } from './lookup';
import { gitlabMessage, gitlabStatusError, grapeError } from './responses';
import {
  DEFAULT_GITLAB_USERS,
  seedGitLabState,
  type GitLabGroupSeed,
  type GitLabProjectSeed,
  type GitLabUserSeed,
} from './seedGitLabState';

/** @public */
export interface FakeGitLabOptions {
  /** Defaults to `https://gitlab.example.com`. */
  baseUrl?: string;
  /** The personal access token the fake accepts; defaults to `test-gitlab-token-0123456789`. */
  token?: string;
  /** Existing users; the first one owns the token. Defaults to root, jdoe, maria and kim (ids 1 to 4). */
  users?: GitLabUserSeed[];
  /** Existing groups. */
  namespaces?: GitLabGroupSeed[];
  /** Existing projects (with commits unless `emptyRepo` is set). */
  projects?: GitLabProjectSeed[];
  /**
   * Repository contents. Without them the fake has no repository endpoints
   * (files, tree, commits, branches, archive).
   */
  repositories?: GitLabRepositories;
}

/**
 * An in-memory GitLab REST v4 server for msw.
 *
 * @public
 */
export interface FakeGitLab extends FakeCommon {
  state: GitLabState;
  /** The token requests must carry in `PRIVATE-TOKEN`. */
  token: string;
  /** Records that commits were pushed: the project stops being `empty_repo`. */
  markPushed(projectIdOrPath: number | string): void;
}

const ROUTES: GitLabRoute[] = [
  ...namespaceRoutes,
  ...groupRoutes,
  ...userRoutes,
  ...projectRoutes,
  ...memberRoutes,
  ...deployKeyRoutes,
  ...protectedBranchRoutes,
  ...variableRoutes,
  ...repositoryRoutes,
  ...listingRoutes,
];

/**
 * Creates a stateful fake of the GitLab REST API v4, answering like a real
 * instance would: same status codes, bodies and error shapes.
 *
 * @public
 */
export function createFakeGitLab(
  options: FakeGitLabOptions = {},
): FakeGitLab & { state: GitLabState } {
  const baseUrl = (options.baseUrl ?? 'https://gitlab.example.com').replace(
    /\/+$/,
    '',
  );
  const token = options.token ?? 'test-gitlab-token-0123456789';
  const apiPrefix = `${basePathOf(baseUrl)}/api/v4`;
  const failures = new ScheduledFailures();
  const state = seedGitLabState({
    users: options.users ?? DEFAULT_GITLAB_USERS,
    groups: options.namespaces ?? [],
    projects: options.projects ?? [],
  });

  const fake: FakeGitLab = {
    baseUrl,
    token,
    state,
    requests: [],
    violations: [],
    handlers: [
      http.all(`${baseUrl}/api/v4/*`, ({ request }) => handle(request)),
    ],
    failNext(match, status, times) {
      failures.add(match, status, times);
    },
    errorResponse: status => gitlabStatusError(status),
    markPushed(projectIdOrPath) {
      const project = findProject(
        state,
        encodeURIComponent(String(projectIdOrPath)),
      );
      if (!project) {
        throw new Error(`No project ${projectIdOrPath} in the GitLab fake`);
      }
      project.empty_repo = false;
    },
  };

  async function handle(request: Request): Promise<Response> {
    const incoming = await readIncomingRequest(request, apiPrefix);
    const { method, apiPath } = incoming;
    fake.requests.push({
      method,
      path: apiPath,
      query: incoming.query,
      body: incoming.body,
    });
    const violation = (message: string) => fake.violations.push(message);
    reportCamelCaseKeys(incoming, violation);

    const failure = failures.take(method, apiPath);
    if (failure !== undefined) {
      return fake.errorResponse(failure, method, apiPath);
    }
    if (incoming.bodyParseError) {
      violation(`${method} ${apiPath}: body is not valid JSON`);
      return grapeError('message body does not match declared format');
    }

    // Grape answers HEAD with the GET route, without a body.
    const routeMethod = method === 'HEAD' ? 'GET' : method;
    const found = findRoute(ROUTES, routeMethod, apiPath);
    if (!found) {
      violation(describeUnroutable(state, method, apiPath));
      return grapeError('404 Not Found', 404);
    }
    if (!isAuthenticated(request.headers, token)) {
      violation(`${method} ${apiPath}: missing or wrong PRIVATE-TOKEN`);
      return gitlabMessage(401, '401 Unauthorized');
    }

    const currentUser = state.users[0];
    const context: GitLabContext = {
      state,
      baseUrl,
      request: incoming,
      params: withoutCamelCaseKeys({
        ...incoming.query,
        ...asObject(incoming.body),
      }),
      currentUser,
      repositories: options.repositories,
      violation,
    };
    const response = await found.route.handle(context, found.params);
    return method === 'HEAD'
      ? new HttpResponse(null, {
          status: response.status,
          headers: response.headers,
        })
      : response;
  }

  return fake;
}

/** PRIVATE-TOKEN, or the same token as an OAuth-style bearer. */
function isAuthenticated(headers: Headers, token: string): boolean {
  return (
    headers.get('private-token') === token ||
    headers.get('authorization') === `Bearer ${token}`
  );
}

function reportCamelCaseKeys(
  incoming: IncomingRequest,
  violation: (message: string) => void,
) {
  const where = `${incoming.method} ${incoming.apiPath}`;
  for (const key of camelCaseKeys(incoming.query)) {
    violation(
      `${where}: camelCase query parameter '${key}' is ignored by GitLab (use snake_case)`,
    );
  }
  for (const key of camelCaseKeys(incoming.body)) {
    violation(
      `${where}: camelCase body key '${key}' is ignored by GitLab (use snake_case)`,
    );
  }
}

/**
 * GitLab's `:id`-like parameters never contain an unencoded '/', so a full
 * path that was not URL-encoded simply matches no route. When the path would
 * name something that exists once encoded, say so explicitly.
 */
function describeUnroutable(
  state: GitLabState,
  method: string,
  apiPath: string,
): string {
  const routeMethod = method === 'HEAD' ? 'GET' : method;
  for (const route of ROUTES.filter(r => r.method === routeMethod)) {
    for (const param of route.pattern.match(/:\w+/g) ?? []) {
      const name = param.slice(1);
      const params = matchWithUnencodedParam(route.pattern, apiPath, name);
      if (params && namesExistingResource(state, route.pattern, name, params)) {
        return `unhandled GitLab request ${method} ${apiPath}: '${param}' must be URL-encoded (route ${route.pattern}), GitLab answers 404`;
      }
    }
  }
  return `unhandled GitLab request ${method} ${apiPath}`;
}

function namesExistingResource(
  state: GitLabState,
  pattern: string,
  param: string,
  params: RouteParams,
): boolean {
  if (param === 'id') {
    return pattern.startsWith('/projects')
      ? findProject(state, params.id) !== undefined
      : findNamespace(state, params.id) !== undefined;
  }
  if (param === 'name') {
    const branch = decodeSegment(params.name);
    return (
      findProject(state, params.id)?.protectedBranches.some(
        b => b.name === branch,
      ) ?? false
    );
  }
  return false;
}

function asObject(body: unknown): Record<string, unknown> {
  return body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}
