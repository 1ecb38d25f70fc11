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

/**
 * `<resource> "<name>" not found`, e.g. `namespaces "x" not found`; the
 * resource is qualified by its group outside core
 * (`rolebindings.rbac.authorization.k8s.io "x" not found`).
 */
export function notFound(resource: string, name: string, group = ''): Response {
  return kubernetesStatus(
    404,
    'NotFound',
    `${qualified(resource, group)} ${JSON.stringify(name)} not found`,
    statusDetails(name, group, resource),
  );
}

/** `<resource> "<name>" already exists`. */
export function alreadyExists(
  resource: string,
  name: string,
  group = '',
): Response {
  return kubernetesStatus(
    409,
    'AlreadyExists',
    `${qualified(resource, group)} ${JSON.stringify(name)} already exists`,
    statusDetails(name, group, resource),
  );
}

/**
 * 422 `<Kind> "<name>" is invalid: ...` with one cause per error
 * (`RoleBinding.rbac.authorization.k8s.io "x" is invalid: ...` outside core).
 */
export function invalid(
  kind: string,
  name: string,
  errors: FieldError[],
  group = '',
): Response {
  return kubernetesStatus(
    422,
    'Invalid',
    invalidMessage(qualified(kind, group), name, errors),
    { ...statusDetails(name, group, kind), causes: statusCauses(errors) },
  );
}

function qualified(name: string, group: string): string {
  return group ? `${name}.${group}` : name;
}

/** `metav1.StatusDetails`; Go omits an empty group. */
function statusDetails(name: string, group: string, kind: string) {
  return group ? { name, group, kind } : { name, kind };
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
