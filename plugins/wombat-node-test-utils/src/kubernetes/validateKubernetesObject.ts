import { decodeObject } from './decodeObject';
import { fieldErrorText } from './fieldErrors';
import type { KubernetesKind } from './kinds';
import { applyDefaults } from './objectDefaults';
import { objectValidationErrors } from './objectRules';

/**
 * Checks an object (Namespace, ResourceQuota, LimitRange, Secret or
 * RoleBinding) the way the Kubernetes v1.35 API server does on create:
 * against the definition in the Kubernetes swagger (`$ref`s resolved, `null`
 * allowed, quantities and base64 checked), then, with the API server's
 * defaults applied, its name, label, annotation, Secret and RoleBinding
 * rules. Unknown fields are reported too, as `unknown field "x.y"`: the API
 * server drops them with a warning. Returns `[]` when the object would be
 * stored as sent.
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
  const object = structuredClone(body);
  applyDefaults(kind, object);
  return [
    ...decoded.problems,
    ...objectValidationErrors(kind, object).map(fieldErrorText),
  ];
}
