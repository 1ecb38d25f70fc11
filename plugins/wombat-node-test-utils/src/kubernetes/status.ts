import { HttpResponse } from 'msw';
import { invalidMessage, statusCauses, type FieldError } from './fieldErrors';

/** A `metav1.Status` failure, as the API server sends it. */
export function kubernetesStatus(
  code: number,
  reason: string,
  message: string,
  details?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Response {
  return HttpResponse.json(
    {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      ...(details ? { details } : {}),
      code,
    },
    { status: code, headers },
  );
}

export const badRequest = (message: string) =>
  kubernetesStatus(400, 'BadRequest', message);

/** `<resource> "<name>" not found`, e.g. `namespaces "x" not found`. */
export function notFound(resource: string, name: string): Response {
  return kubernetesStatus(
    404,
    'NotFound',
    `${resource} ${JSON.stringify(name)} not found`,
    {
      name,
      kind: resource,
    },
  );
}

/** `<resource> "<name>" already exists`. */
export function alreadyExists(resource: string, name: string): Response {
  return kubernetesStatus(
    409,
    'AlreadyExists',
    `${resource} ${JSON.stringify(name)} already exists`,
    { name, kind: resource },
  );
}

/** 422 `<Kind> "<name>" is invalid: ...` with one cause per error. */
export function invalid(
  kind: string,
  name: string,
  errors: FieldError[],
): Response {
  return kubernetesStatus(422, 'Invalid', invalidMessage(kind, name, errors), {
    name,
    kind,
    causes: statusCauses(errors),
  });
}

/** What the API server answers for a path it does not serve. */
export function unknownPath(): Response {
  return kubernetesStatus(
    404,
    'NotFound',
    'the server could not find the requested resource',
    {},
  );
}
