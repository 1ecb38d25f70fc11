import { http } from 'msw';
import {
  basePathOf,
  readIncomingRequest,
  type IncomingRequest,
} from '../shared/incomingRequest';
import { findRoute } from '../shared/routing';
import { ScheduledFailures } from '../shared/ScheduledFailures';
import type { FakeCommon } from '../shared/types';
import type { HarborContext, HarborRoute } from './HarborContext';
import type { HarborState } from './HarborState';
import { memberRoutes } from './handlers/members';
import { projectRoutes } from './handlers/projects';
import { robotRoutes } from './handlers/robots';
import { webhookRoutes } from './handlers/webhooks';
import { ignoredBodyFields } from './ignoredBodyFields';
import {
  emptyResponse,
  harborError,
  harborStatusError,
  notFound,
  validationFailure,
} from './responses';
import { seedHarborState } from './seedHarborState';
import { findSwaggerOperation } from './swagger';
import { validateHarborRequest } from './validateHarborRequest';

/** @public */
export interface FakeHarborOptions {
  /** Defaults to `https://harbor.example.com`. */
  baseUrl?: string;
  /** System administrator the fake accepts; defaults to `admin`. */
  username?: string;
  /** Defaults to `Harbor12345`. */
  password?: string;
  /** Other existing users; defaults to jdoe, maria and kim. */
  users?: string[];
  /** Existing user groups (found by name). */
  groups?: string[];
}

/**
 * An in-memory Harbor v2.0 API server for msw.
 *
 * @public
 */
export interface FakeHarbor extends FakeCommon {
  state: HarborState;
}

const ROUTES: HarborRoute[] = [
  ...projectRoutes,
  ...memberRoutes,
  ...robotRoutes,
  ...webhookRoutes,
];

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * Creates a stateful fake of the Harbor v2.0 API that checks every body
 * against the Harbor v2.15.2 swagger and answers like the real server.
 *
 * @public
 */
export function createFakeHarbor(
  options: FakeHarborOptions = {},
): FakeHarbor & { state: HarborState } {
  const baseUrl = (options.baseUrl ?? 'https://harbor.example.com').replace(
    /\/+$/,
    '',
  );
  const username = options.username ?? 'admin';
  const password = options.password ?? 'Harbor12345';
  const apiPrefix = `${basePathOf(baseUrl)}/api/v2.0`;
  const failures = new ScheduledFailures();
  const state = seedHarborState({
    username,
    users: options.users ?? ['jdoe', 'maria', 'kim'],
    groups: options.groups ?? [],
  });

  const fake: FakeHarbor = {
    baseUrl,
    state,
    requests: [],
    violations: [],
    handlers: [
      http.all(`${baseUrl}/api/v2.0/*`, ({ request }) => handle(request)),
    ],
    failNext(match, status, times) {
      failures.add(match, status, times);
    },
    errorResponse: (status, method) =>
      method.toUpperCase() === 'HEAD'
        ? emptyResponse(status)
        : harborStatusError(status),
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
    const where = `${method} ${apiPath}`;
    const violation = (message: string) => fake.violations.push(message);

    const csrfRefusal = checkCookies(incoming, violation);
    if (csrfRefusal) {
      return csrfRefusal;
    }
    const failure = failures.take(method, apiPath);
    if (failure !== undefined) {
      return fake.errorResponse(failure, method, apiPath);
    }
    const found = findRoute(ROUTES, method, apiPath);
    if (!found) {
      violation(`unhandled Harbor request ${where}`);
      return notFound(`path ${incoming.url.pathname} was not found`);
    }

    // go-swagger binds and validates the body before the handler runs.
    if (incoming.bodyParseError) {
      violation(`${where}: body is not valid JSON`);
      return validationFailure([
        `parsing body failed: ${incoming.bodyParseError}`,
      ]);
    }
    const bodyErrors = validateHarborRequest(method, apiPath, incoming.body);
    if (bodyErrors.length > 0) {
      violation(
        `${where}: body does not match the swagger: ${bodyErrors.join('; ')}`,
      );
      return validationFailure(bodyErrors);
    }
    reportIgnoredFields(incoming, violation);

    if (!isAuthenticated(request.headers, username, password)) {
      violation(`${where}: missing or wrong Basic credentials`);
      return method === 'HEAD'
        ? emptyResponse(401)
        : harborError(401, 'UNAUTHORIZED', 'unauthorized');
    }

    const context: HarborContext = {
      state,
      request: incoming,
      body: incoming.body,
      username,
      violation,
    };
    return found.route.handle(context, found.params);
  }

  return fake;
}

function isAuthenticated(
  headers: Headers,
  username: string,
  password: string,
): boolean {
  const header = headers.get('authorization') ?? '';
  const match = /^Basic\s+(.+)$/i.exec(header);
  if (!match) {
    return false;
  }
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  return decoded === `${username}:${password}`;
}

/**
 * Harbor's CSRF middleware skips API calls unless they carry the session
 * cookie; with it, unsafe methods need a CSRF token the fake never issues.
 * A Basic-auth client should send no cookies at all.
 */
function checkCookies(
  incoming: IncomingRequest,
  violation: (message: string) => void,
): Response | undefined {
  const cookie = incoming.headers.get('cookie');
  if (!cookie) {
    return undefined;
  }
  violation(
    `${incoming.method} ${incoming.apiPath}: sends a Cookie header; a Basic-auth client must not keep Harbor's session cookie`,
  );
  const hasSession = cookie
    .split(';')
    .some(part => part.trim().startsWith('sid='));
  if (hasSession && !SAFE_METHODS.includes(incoming.method)) {
    return harborError(403, 'FORBIDDEN', 'CSRF token invalid');
  }
  return undefined;
}

function reportIgnoredFields(
  incoming: IncomingRequest,
  violation: (message: string) => void,
) {
  if (incoming.body === undefined) {
    return;
  }
  const parameter = findSwaggerOperation(
    incoming.method,
    incoming.apiPath,
  )?.bodyParameter;
  if (!parameter?.schema) {
    return;
  }
  for (const problem of ignoredBodyFields(
    parameter.schema,
    incoming.body,
    parameter.name,
  )) {
    violation(`${incoming.method} ${incoming.apiPath}: ${problem}`);
  }
}
