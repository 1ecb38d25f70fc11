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
