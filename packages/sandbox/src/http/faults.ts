import { InputError } from '@backstage/errors';
import { isSystemName, type SystemName } from '../systems/SystemName';

/**
 * A fault a test asks for: the next `times` requests to a system that match
 * a method and a path answer an error status, or hang for a while first.
 *
 * @public
 */
export interface SandboxFault {
  system: SystemName;
  /** HTTP method, compared case-insensitively; `*` matches any. */
  method: string;
  /** A regular expression tested against the raw path and query from the server root, e.g. `^/api/v2.0/robots`. */
  path: string;
  /** Answer this status, with the system's error body for it. */
  status?: number;
  /** Wait this long before answering (with `status`, or normally). */
  hangMs?: number;
  /** How many matching requests it applies to; default 1. */
  times?: number;
}

type PendingFault = SandboxFault & { remaining: number; pattern: RegExp };

/** The faults still pending, used up by matching requests in the order they were added. */
export class Faults {
  private pending: PendingFault[] = [];

  /** Checks a fault as a test sent it; throws an InputError that says what is wrong. */
  add(input: unknown): SandboxFault {
    const fault = parseFault(input);
    this.pending.push({
      ...fault,
      method: fault.method.toUpperCase(),
      remaining: fault.times ?? 1,
      pattern: new RegExp(fault.path),
    });
    return fault;
  }

  /** The fault for this request, if one matches; it counts as used. */
  take(
    system: SystemName,
    method: string,
    pathAndQuery: string,
  ): SandboxFault | undefined {
    const index = this.pending.findIndex(
      fault =>
        fault.system === system &&
        (fault.method === '*' || fault.method === method.toUpperCase()) &&
        fault.pattern.test(pathAndQuery),
    );
    if (index < 0) {
      return undefined;
    }
    const fault = this.pending[index];
    fault.remaining -= 1;
    if (fault.remaining === 0) {
      this.pending.splice(index, 1);
    }
    return fault;
  }

  list(): Array<SandboxFault & { remaining: number }> {
    return this.pending.map(({ pattern: _pattern, ...fault }) => fault);
  }

  clear() {
    this.pending = [];
  }
}

function parseFault(input: unknown): SandboxFault {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new InputError('A fault is a JSON object');
  }
  const fault = input as Record<string, unknown>;
  if (!isSystemName(fault.system)) {
    throw new InputError(
      'fault.system must be one of gitlab, harbor, rancher, proxmox',
    );
  }
  if (typeof fault.method !== 'string' || !fault.method) {
    throw new InputError('fault.method must be an HTTP method or *');
  }
  if (typeof fault.path !== 'string') {
    throw new InputError('fault.path must be a regular expression');
  }
  try {
    RegExp(fault.path);
  } catch (error) {
    throw new InputError(`fault.path is not a regular expression: ${error}`);
  }
  const { status, hangMs, times } = fault;
  if (status === undefined && hangMs === undefined) {
    throw new InputError('A fault needs a status, a hangMs or both');
  }
  if (
    status !== undefined &&
    !(
      Number.isInteger(status) &&
      Number(status) >= 400 &&
      Number(status) <= 599
    )
  ) {
    throw new InputError('fault.status must be an error status, 400 to 599');
  }
  if (
    hangMs !== undefined &&
    !(
      Number.isInteger(hangMs) &&
      Number(hangMs) >= 0 &&
      Number(hangMs) <= 600_000
    )
  ) {
    throw new InputError('fault.hangMs must be 0 to 600000 milliseconds');
  }
  if (times !== undefined && !(Number.isInteger(times) && Number(times) >= 1)) {
    throw new InputError('fault.times must be a positive integer');
  }
  return {
    system: fault.system,
    method: fault.method,
    path: fault.path,
    ...(status !== undefined ? { status: Number(status) } : {}),
    ...(hangMs !== undefined ? { hangMs: Number(hangMs) } : {}),
    ...(times !== undefined ? { times: Number(times) } : {}),
  };
}
