import http, { type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { getResponse } from 'msw';
import { isGitRequest, serveGitRequest } from '../gitlab/gitSmartHttp';
import type { SandboxSystems } from '../systems/createSystems';
import { API_PREFIXES, type SystemName } from '../systems/SystemName';
import { handleControlRequest, type SandboxControl } from './controlRoutes';
import type { Faults } from './faults';
import { sendFetchResponse, toFetchRequest } from './nodeFetchBridge';

// Requests each simulator remembers; a long-running sandbox must not grow without end.
const MAX_RECORDED_REQUESTS = 1000;

/** One line per request, for a person watching the sandbox. */
export type RequestLogger = (line: string) => void;

/**
 * The HTTP server of one simulator: the test hooks under `/_sandbox/`, then
 * injected faults, then git's smart HTTP (GitLab only), then the simulated
 * API. It reads the systems through `systems()` so that a reset takes
 * effect at once.
 */
export function createSystemServer(options: {
  system: SystemName;
  /** The current systems; undefined while the sandbox is still seeding them. */
  systems: () => SandboxSystems | undefined;
  faults: Faults;
  control: SandboxControl;
  log?: RequestLogger;
}): http.Server {
  const { system, faults, control, log } = options;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const systems = options.systems();
    if (!systems) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'starting' }));
      return;
    }
    const fake = systems[system];
    const url = new URL(req.url ?? '/', fake.baseUrl);
    if (url.pathname.startsWith('/_sandbox/')) {
      await handleControlRequest(req, res, url, system, control);
      return;
    }
    const started = Date.now();
    const method = req.method ?? 'GET';
    res.on('finish', () =>
      log?.(
        `${system} ${method} ${url.pathname} ${res.statusCode} ${
          Date.now() - started
        }ms`,
      ),
    );

    const fault = faults.take(system, method, `${url.pathname}${url.search}`);
    if (fault?.hangMs) {
      await new Promise(resolve => setTimeout(resolve, fault.hangMs));
    }
    if (fault?.status) {
      req.resume();
      const apiPath = url.pathname.slice(API_PREFIXES[system].length) || '/';
      await sendFetchResponse(
        res,
        fake.errorResponse(fault.status, method, apiPath),
      );
      return;
    }
    if (system === 'gitlab' && isGitRequest(url.pathname)) {
      await serveGitRequest(
        req,
        res,
        url,
        systems.gitlab,
        systems.repositories,
      );
      return;
    }

    const request = await toFetchRequest(req, fake.baseUrl);
    const response =
      (await getResponse(fake.handlers, request)) ??
      Response.json({ error: '404 Not Found' }, { status: 404 });
    await sendFetchResponse(res, response);
    if (fake.requests.length > MAX_RECORDED_REQUESTS) {
      fake.requests.splice(0, fake.requests.length - MAX_RECORDED_REQUESTS);
    }
  }

  return http.createServer((req, res) => {
    handle(req, res).catch(error => {
      log?.(`${system} ${req.method} ${req.url} failed: ${error}`);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
      }
      res.end(`sandbox error: ${error}`);
    });
  });
}

/** Listens on a loopback port (0 picks a free one) and returns the port. */
export function listen(
  server: http.Server,
  host: string,
  port: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
