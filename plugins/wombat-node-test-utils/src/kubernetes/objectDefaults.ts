import type { KubernetesKind } from './kinds';
import { defaultRoleBinding } from './roleBindingRules';

/**
 * The defaults the API server applies while decoding a body, before it
 * validates it. (Defaults that validation does not depend on, such as a
 * Secret's `type`, are applied when the object is stored.)
 */
export function applyDefaults(kind: KubernetesKind, object: any): void {
  if (kind === 'RoleBinding') {
    defaultRoleBinding(object);
  }
}
