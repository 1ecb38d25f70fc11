import { HttpResponse } from 'msw';
import { STATUS_CODES } from 'http';

/** JSON answer with GitLab's `application/json` content type. */
export function gitlabJson(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  return HttpResponse.json(body as object, { status, headers });
}

/**
 * Error rendered by GitLab's own helpers (`render_api_error!`): the body is
 * `{"message": ...}` where message is a string or a validation-errors object.
 */
export function gitlabMessage(status: number, message: unknown): Response {
  return gitlabJson({ message }, status);
}

/** `not_found!('Project')` renders `404 Project Not Found`. */
export function gitlabNotFound(resource: string): Response {
  return gitlabMessage(404, `404 ${resource} Not Found`);
}

/**
 * Error raised by Grape itself (parameter validation, unmatched route): the
 * body is `{"error": ...}`, not `{"message": ...}`.
 */
export function grapeError(message: string, status = 400): Response {
  return gitlabJson({ error: message }, status);
}

/** `{"message":"<status> <reason>"}`, e.g. `500 Internal Server Error`. */
export function gitlabStatusError(status: number): Response {
  return gitlabMessage(status, `${status} ${STATUS_CODES[status] ?? 'Error'}`);
}

/** DELETE answers 204 without a body. */
export function gitlabNoContent(): Response {
  return new HttpResponse(null, { status: 204 });
}
