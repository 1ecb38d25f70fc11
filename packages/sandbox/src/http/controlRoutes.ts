import type { IncomingMessage, ServerResponse } from 'http';
import { InputError } from '@backstage/errors';
import type { SystemName } from '../systems/SystemName';
import type { SandboxFault } from './faults';
import type { SandboxState } from './sandboxState';

/** What the test hooks act on. */
export interface SandboxControl {
  state(options: { secrets: boolean }): SandboxState;
  reset(): Promise<void>;
  addFault(fault: unknown): SandboxFault;
  clearFaults(): void;
}

/**
 * The test hooks under `/_sandbox/`, on every simulator's port; real systems
 * have nothing there. A fault sent to a system's port is for that system
 * unless it names another.
 */
export async function handleControlRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  system: SystemName,
  control: SandboxControl,
): Promise<void> {
  const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
  const refusal = foreignCaller(req);
  if (refusal) {
    return json(res, 403, { error: refusal });
  }
  try {
    switch (route) {
      case 'GET /_sandbox/health':
        return json(res, 200, { status: 'ok', system });
      case 'GET /_sandbox/state':
        return json(
          res,
          200,
          control.state({
            secrets: url.searchParams.get('secrets') === 'true',
          }),
        );
      case 'POST /_sandbox/reset':
        await control.reset();
        return json(res, 200, { status: 'reset' });
      case 'GET /_sandbox/faults':
        return json(res, 200, control.state({ secrets: false }).faults);
      case 'POST /_sandbox/faults': {
        const body = await readJson(req);
        return json(res, 201, control.addFault({ system, ...body }));
      }
      case 'DELETE /_sandbox/faults':
        control.clearFaults();
        res.writeHead(204).end();
        return undefined;
      default:
        return json(res, 404, {
          error: `No sandbox hook ${route}; there are GET /_sandbox/health, GET /_sandbox/state[?secrets=true], POST /_sandbox/reset, GET|POST|DELETE /_sandbox/faults`,
        });
    }
  } catch (error) {
    const status = error instanceof InputError ? 400 : 500;
    return json(res, status, { error: (error as Error).message });
  }
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;

/**
 * Why a request may not use the hooks, if it may not: they read secrets and
 * wipe state, so only callers on this machine may, and no web page. A Host
 * that is not a loopback name is DNS rebinding (a page of another site
 * resolving its name to 127.0.0.1); an Origin other than a loopback one is
 * a page of another site posting across origins. curl and the tests send
 * neither.
 */
function foreignCaller(req: IncomingMessage): string | undefined {
  const host = req.headers.host ?? '';
  if (!LOOPBACK.test(host)) {
    return `The sandbox's hooks answer only on loopback names, not ${JSON.stringify(
      host,
    )}`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let originHost = '';
    try {
      originHost = new URL(origin).host;
    } catch {
      // not a URL: refused below
    }
    if (!LOOPBACK.test(originHost)) {
      return "The sandbox's hooks answer no web page of another origin";
    }
  }
  return undefined;
}

async function readJson(
  req: IncomingMessage,
): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      return body;
    }
  } catch {
    // answered below
  }
  throw new InputError('The body must be a JSON object');
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
