import { HttpResponse } from 'msw';
import { STATUS_CODES } from 'http';

/** Success: `{"data": ...}`. */
export function proxmoxData(data: unknown): Response {
  return HttpResponse.json({ data: data ?? null });
}

/**
 * An error as pve-http-server sends it: the reason in the status line, and
 * `{"data":null,"errors":{...},"message":"<reason>\n"}` in the body.
 */
export function proxmoxError(
  status: number,
  reason: string,
  errors?: Record<string, string>,
): Response {
  const statusText = reason.replace(/\s*\n[\s\S]*$/, '');
  return HttpResponse.json(
    {
      data: null,
      ...(errors ? { errors } : {}),
      message: `${reason.replace(/\n$/, '')}\n`,
    },
    { status, statusText },
  );
}

/**
 * A refused login: pve-http-server answers 401 with the reason in the
 * status line and no body at all (the json format has no login formatter).
 */
export function unauthorized(reason: string): Response {
  return new HttpResponse(null, { status: 401, statusText: reason });
}

/** 400 `Parameter verification failed.` with the errors by parameter. */
export function parameterError(errors: Record<string, string>): Response {
  return proxmoxError(400, 'Parameter verification failed.', errors);
}

/** An error an API handler dies with: 500 and the message. */
export function serverError(message: string): Response {
  return proxmoxError(500, message);
}

/** The error for a status scheduled with `failNext`. */
export function proxmoxStatusError(status: number): Response {
  return proxmoxError(status, STATUS_CODES[status] ?? 'error');
}
