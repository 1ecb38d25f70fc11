import { http } from 'msw';
import { kubernetesStatus } from '../kubernetes/status';
import { basePathOf, readIncomingRequest } from '../shared/incomingRequest';
import { findRoute } from '../shared/routing';
import { ScheduledFailures } from '../shared/ScheduledFailures';
import type { FakeCommon } from '../shared/types';
import {
  handleKubernetesProxy,
  isKubernetesProxyPath,
} from './handlers/kubernetesProxy';
import { projectRoleTemplateBindingRoutes } from './handlers/projectRoleTemplateBindings';
import { projectRoutes } from './handlers/projects';
import {
  mustAuthenticate,
  normanError,
  normanStatusError,
} from './normanResponses';
import type { RancherContext, RancherRoute } from './RancherContext';
import type { RancherCluster, RancherState } from './RancherState';
import { seedRancherState } from './seedRancherState';
import { STATUS_CODES } from 'http';

/** @public */
export interface FakeRancherOptions {
  /** Defaults to `https://rancher.example.com`. */
  baseUrl?: string;
  /**
   * The API key the fake accepts, in Rancher's `token-xxxxx:<secret>` form;
   * defaults to `token-test1:notrealsecret0123456789`.
   */
  token?: string;
  /** Downstream clusters; defaults to `[{ id: 'c-m-abc12', name: 'dev-eu' }]`. */
  clusters?: RancherCluster[];
  /**
   * Principal ids the auth providers know; defaults to `local://u-jdoe`,
   * `local://u-maria`, an OpenLDAP user (kim) and an OpenLDAP group
   * (team-payments).
   */
  principals?: string[];
}

/**
 * An in-memory Rancher v2 server for msw: the v3 (norman) API for projects
 * and project role bindings, and the Kubernetes API of the downstream
 * clusters through Rancher's `/k8s/clusters/<clusterId>` proxy.
 *
 * @public
 */
export interface FakeRancher extends FakeCommon {
  state: RancherState;
  /** The API key requests must carry as `Authorization: Bearer <token>`. */
  token: string;
}

const ROUTES: RancherRoute[] = [
  ...projectRoutes,
  ...projectRoleTemplateBindingRoutes,
];

/** The user the fake's API key belongs to. */
const TOKEN_USER_ID = 'user-wombat';

export const DEFAULT_RANCHER_PRINCIPALS = [
  'local://u-jdoe',
  'local://u-maria',
  'openldap_user://uid=kim,ou=people,dc=acme,dc=example',
  'openldap_group://cn=team-payments,ou=groups,dc=acme,dc=example',
];

/**
 * Creates a stateful fake of Rancher that answers like Rancher v2.x: norman
 * collections and errors on `/v3`, and Kubernetes `Status` answers, with
 * bodies checked against the Kubernetes v1.35 swagger, on the cluster proxy.
 *
 * @public
 */
export function createFakeRancher(
  options: FakeRancherOptions = {},
): FakeRancher & { state: RancherState } {
  const baseUrl = (options.baseUrl ?? 'https://rancher.example.com').replace(
    /\/+$/,
    '',
  );
  const token = options.token ?? 'token-test1:notrealsecret0123456789';
  const basePath = basePathOf(baseUrl);
  const failures = new ScheduledFailures();
  const state = seedRancherState({
    clusters: options.clusters ?? [{ id: 'c-m-abc12', name: 'dev-eu' }],
    principals: options.principals ?? DEFAULT_RANCHER_PRINCIPALS,
    tokenUserId: TOKEN_USER_ID,
  });
  let resourceVersion = 1000;
  const nextResourceVersion = () => String(++resourceVersion);

  const fake: FakeRancher = {
    baseUrl,
    token,
    state,
    requests: [],
    violations: [],
    handlers: [
      http.all(`${baseUrl}/v3/*`, ({ request }) => handle(request)),
      http.all(`${baseUrl}/k8s/clusters/*`, ({ request }) => handle(request)),
    ],
    failNext(match, status, times) {
      failures.add(match, status, times);
    },
    errorResponse: (status, _method, path) =>
      isKubernetesProxyPath(path)
        ? kubernetesFailure(status)
        : normanStatusError(status),
  };

  async function handle(request: Request): Promise<Response> {
    const incoming = await readIncomingRequest(request, basePath);
    const { method, apiPath } = incoming;
    fake.requests.push({
      method,
      path: apiPath,
      query: incoming.query,
      body: incoming.body,
    });
    const violation = (message: string) => fake.violations.push(message);
    const toKubernetes = isKubernetesProxyPath(apiPath);

    const failure = failures.take(method, apiPath);
    if (failure !== undefined) {
      return fake.errorResponse(failure, method, apiPath);
    }
    if (!isAuthenticated(request.headers, token)) {
      violation(`${method} ${apiPath}: missing or wrong Rancher API key`);
      return mustAuthenticate();
    }
    if (toKubernetes) {
      return handleKubernetesProxy(
        state,
        incoming,
        nextResourceVersion,
        violation,
      );
    }
    const found = findRoute(ROUTES, method, apiPath);
    if (!found) {
      violation(`unhandled Rancher request ${method} ${apiPath}`);
      return normanError('NotFound', `path ${apiPath} not found`);
    }
    if (incoming.bodyParseError) {
      violation(`${method} ${apiPath}: body is not valid JSON`);
      return normanError(
        'InvalidBodyContent',
        `Failed to parse body: ${incoming.bodyParseError}`,
      );
    }
    const context: RancherContext = {
      state,
      request: incoming,
      baseUrl,
      creatorId: TOKEN_USER_ID,
      violation,
      nextResourceVersion,
    };
    return found.route.handle(context, found.params);
  }

  return fake;
}

/** `Bearer <access key>:<secret>`, or Basic with the two halves. */
function isAuthenticated(headers: Headers, token: string): boolean {
  const header = headers.get('authorization') ?? '';
  const bearer = /^Bearer\s+(.+)$/i.exec(header);
  if (bearer) {
    return bearer[1].trim() === token;
  }
  const basic = /^Basic\s+(.+)$/i.exec(header);
  if (basic) {
    return Buffer.from(basic[1], 'base64').toString('utf8') === token;
  }
  return false;
}

const KUBERNETES_REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

function kubernetesFailure(status: number): Response {
  return kubernetesStatus(
    status,
    KUBERNETES_REASONS[status] ?? 'InternalError',
    (STATUS_CODES[status] ?? 'error').toLowerCase(),
  );
}
