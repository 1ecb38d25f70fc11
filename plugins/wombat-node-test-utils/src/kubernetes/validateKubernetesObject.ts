import { decodeObject } from './decodeObject';
import { fieldErrorText } from './fieldErrors';
import type { KubernetesKind } from './kinds';
import { objectValidationErrors } from './objectRules';

/**
 * Checks a core/v1 object (Namespace, ResourceQuota, LimitRange or Secret)
 * the way the Kubernetes v1.35 API server does on create: against the
 * definition in the Kubernetes swagger (`$ref`s resolved, `null` allowed,
 * quantities and base64 checked), then its name, label, annotation and
 * Secret rules. Unknown fields are reported too, as `unknown field "x.y"`:
 * the API server drops them with a warning. Returns `[]` when the object
 * would be stored as sent.
 *
 * @public
 */
export function validateKubernetesObject(
  kind: KubernetesKind,
  body: unknown,
): string[] {
  const decoded = decodeObject(kind, body);
  if (decoded.decodeError) {
    return decoded.problems;
  }
  return [
    ...decoded.problems,
    ...objectValidationErrors(kind, body).map(fieldErrorText),
  ];
}
