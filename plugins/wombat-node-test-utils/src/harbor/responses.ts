import { HttpResponse } from 'msw';
import { STATUS_CODES } from 'http';

/** JSON answer. */
export function harborJson(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return HttpResponse.json(body as object, { status, headers });
}

/** Harbor's error envelope: `{"errors":[{"code","message"}]}`. */
export function harborError(
  status: number,
  code: string,
  message: string,
): Response {
  return harborJson({ errors: [{ code, message }] }, status);
}

export const notFound = (message: string) =>
  harborError(404, 'NOT_FOUND', message);
export const badRequest = (message: string) =>
  harborError(400, 'BAD_REQUEST', message);
export const conflict = (message: string) =>
  harborError(409, 'CONFLICT', message);

/**
 * go-swagger's binding errors (missing or malformed parameters and bodies)
 * are a CompositeError with status 422, which Harbor renders with the code
 * derived from the status text.
 */
export function validationFailure(messages: string[]): Response {
  return harborError(
    422,
    'UNPROCESSABLE_ENTITY',
    `validation failure list:\n${messages.join('\n')}`,
  );
}

/** 201 with an empty body and the new resource in `Location`. */
export function createdAt(location: string): Response {
  return new HttpResponse(null, {
    status: 201,
    headers: { Location: location },
  });
}

/** Status-only answer, as for HEAD. */
export function emptyResponse(status: number): Response {
  return new HttpResponse(null, { status });
}

const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  412: 'PRECONDITION',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'TOO_MANY_REQUEST',
};

/**
 * The error Harbor sends for a status: 5xx details are never sent, the body
 * is always `UNKNOWN` / `internal server error` (lib/http SendError).
 */
export function harborStatusError(status: number): Response {
  if (status >= 500) {
    return harborError(status, 'UNKNOWN', 'internal server error');
  }
  const code =
    CODES[status] ??
    (STATUS_CODES[status] ?? 'UNKNOWN').toUpperCase().replace(/ /g, '_');
  return harborError(
    status,
    code,
    (STATUS_CODES[status] ?? 'error').toLowerCase(),
  );
}
