import { http } from 'msw';
import { basePathOf, readIncomingRequest } from '../shared/incomingRequest';
import { decodeSegment } from '../shared/routing';
import { ScheduledFailures } from '../shared/ScheduledFailures';
import type { FakeCommon } from '../shared/types';
import { matchEndpoint } from './apidata';
import { agentRoutes } from './handlers/agent';
import { cloneRoutes } from './handlers/clone';
import { clusterRoutes } from './handlers/cluster';
import { configRoutes } from './handlers/config';
import { destroyRoutes } from './handlers/destroy';
import { powerRoutes } from './handlers/power';
import { resizeRoutes } from './handlers/resize';
import { taskRoutes } from './handlers/tasks';
import { vmReadRoutes } from './handlers/vms';
import { checkParameters, normalizeParameters } from './parameters';
import type { ProxmoxContext, ProxmoxRoute } from './ProxmoxContext';
import {
  DEFAULT_PROXMOX_VMS,
  seedProxmoxState,
  type ProxmoxState,
  type ProxmoxVmSeed,
} from './ProxmoxState';
import {
  parameterError,
  proxmoxError,
  proxmoxStatusError,
  unauthorized,
} from './responses';
import { tokenRefusal } from './tokenAuth';
import { ProxmoxTasks } from './tasks';

/** @public */
export interface FakeProxmoxOptions {
  /** Defaults to `https://pve.example.com:8006`. */
  baseUrl?: string;
  /** API token id, `user@realm!tokenname`; defaults to `wombat@pve!portal`. */
  tokenId?: string;
  /** Defaults to `0b7c2c7e-6f4e-4a8e-9d1a-3f3b8a7c1d2e`. */
  tokenSecret?: string;
  /** Cluster nodes; defaults to `['pve1']`. */
  nodes?: string[];
  /** Existing VMs; defaults to the cloud-init template 9000 `ubuntu-24.04-cloud` on the first node. */
  vms?: ProxmoxVmSeed[];
  /** How long each task runs, in ms; defaults to 30. */
  taskMs?: number;
  /** How long after a VM started its guest agent answers, in ms; defaults to 60. */
  agentReadyMs?: number;
  /**
   * The DHCP addresses guests get: the first address (counted up from
   * there), or a function called once per VM. Defaults to `10.0.0.10`,
   * `10.0.0.11`, …
   */
  nextIp?: string | (() => string);
}

/**
 * An in-memory Proxmox VE 9 API server for msw.
 *
 * @public
 */
export interface FakeProxmox extends FakeCommon {
  state: ProxmoxState;
  /** The value of the `Authorization` header requests must carry. */
  authorization: string;
  /**
   * Makes the next task of that type (`qmclone`, `qmstart`, `qmdestroy`,
   * `qmconfig`, `resize`…) stop with `exitstatus` and without its effect.
   */
  failNextTask(type: string, exitstatus: string): void;
}

const ROUTES: ProxmoxRoute[] = [
  ...clusterRoutes,
  ...vmReadRoutes,
  ...cloneRoutes,
  ...configRoutes,
  ...powerRoutes,
  ...resizeRoutes,
  ...destroyRoutes,
  ...agentRoutes,
  ...taskRoutes,
];

/**
 * Creates a stateful fake of the Proxmox VE API (`/api2/json`) that checks
 * every parameter against the Proxmox VE 9.1.3 API schema and answers like
 * pve-http-server: `{"data": ...}`, errors with the reason in the status
 * line, and asynchronous work as tasks with UPIDs.
 *
 * @public
 */
export function createFakeProxmox(
  options: FakeProxmoxOptions = {},
): FakeProxmox & {
  state: ProxmoxState;
  failNextTask(type: string, exitstatus: string): void;
} {
  const baseUrl = (options.baseUrl ?? 'https://pve.example.com:8006').replace(
    /\/+$/,
    '',
  );
  const tokenId = options.tokenId ?? 'wombat@pve!portal';
  const tokenSecret =
    options.tokenSecret ?? '0b7c2c7e-6f4e-4a8e-9d1a-3f3b8a7c1d2e';
  const authorization = `PVEAPIToken=${tokenId}=${tokenSecret}`;
  const apiPrefix = `${basePathOf(baseUrl)}/api2/json`;
  const nodes = options.nodes ?? ['pve1'];
  const state = seedProxmoxState(nodes, options.vms ?? DEFAULT_PROXMOX_VMS);
  const tasks = new ProxmoxTasks(state, tokenId, options.taskMs ?? 30);
  const failures = new ScheduledFailures();
  const nextIp = addressSource(options.nextIp ?? '10.0.0.10');
  const leases = new Map<number, string>();

  const fake: FakeProxmox = {
    baseUrl,
    authorization,
    state,
    requests: [],
    violations: [],
    handlers: [
      http.all(`${baseUrl}/api2/json/*`, ({ request }) => handle(request)),
    ],
    failNext(match, status, times) {
      failures.add(match, status, times);
    },
    errorResponse: status => proxmoxStatusError(status),
    failNextTask(type, exitstatus) {
      tasks.failNext(type, exitstatus);
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
    const where = `${method} ${apiPath}`;
    const violation = (message: string) => fake.violations.push(message);

    const failure = failures.take(method, apiPath);
    if (failure !== undefined) {
      return fake.errorResponse(failure, method, apiPath);
    }
    // Tokens need neither the ticket cookie nor a CSRFPreventionToken.
    const refusal = tokenRefusal(
      request.headers.get('authorization'),
      tokenId,
      tokenSecret,
    );
    if (refusal !== undefined) {
      violation(`${where}: missing or wrong PVEAPIToken authorization`);
      return unauthorized(refusal);
    }
    const match = matchEndpoint(apiPath);
    const info = match?.endpoint.methods[method];
    if (!match || !info) {
      violation(`${where}: no such method in the Proxmox VE API`);
      return proxmoxError(501, `Method '${method} ${apiPath}' not implemented`);
    }
    if (incoming.bodyParseError) {
      violation(`${where}: body is not valid JSON`);
      return proxmoxError(
        400,
        `unable to parse request body - ${incoming.bodyParseError}`,
      );
    }
    const values = normalizeParameters({
      ...incoming.query,
      ...(incoming.body as object),
    });
    for (const [name, raw] of Object.entries(match.rawPathParams)) {
      values[name] = decodeSegment(raw) ?? raw;
    }
    const errors = checkParameters(info, values);
    if (Object.keys(errors).length > 0) {
      violation(
        `${where}: Parameter verification failed: ${JSON.stringify(errors)}`,
      );
      return parameterError(errors);
    }
    const params = values as Record<string, string>;
    if (params.node !== undefined && !state.nodes.includes(params.node)) {
      return proxmoxError(
        500,
        `hostname lookup '${params.node}' failed - failed to get address info for: ${params.node}: Name or service not known`,
      );
    }
    const route = ROUTES.find(
      candidate =>
        candidate.method === method &&
        candidate.template === match.endpoint.template,
    );
    if (!route) {
      violation(`unhandled Proxmox request ${where}`);
      return proxmoxError(501, `Method '${method} ${apiPath}' not implemented`);
    }
    const context: ProxmoxContext = {
      state,
      request: incoming,
      params,
      rawPathParams: match.rawPathParams,
      tasks,
      agentReadyMs: options.agentReadyMs ?? 60,
      dhcpAddress(vmid) {
        let lease = leases.get(vmid);
        if (!lease) {
          lease = nextIp();
          leases.set(vmid, lease);
        }
        return lease;
      },
      violation,
    };
    return route.handle(context);
  }

  return fake;
}

function addressSource(source: string | (() => string)): () => string {
  if (typeof source === 'function') {
    return source;
  }
  const octets = source.split('.').map(Number);
  let next = octets[3];
  return () => `${octets.slice(0, 3).join('.')}.${next++}`;
}
