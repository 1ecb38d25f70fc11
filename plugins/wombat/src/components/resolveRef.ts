import {
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
} from '@backstage/catalog-model';

/**
 * Resolves a reference written in an entity's spec the way the catalog
 * processor does: a missing kind is `defaultKind`, a missing namespace is the
 * entity's own. EntityRefLink cannot do this for a bare string.
 */
export function resolveRef(
  ref: string,
  from: Entity,
  defaultKind?: string,
): CompoundEntityRef {
  return parseEntityRef(ref, {
    defaultKind,
    defaultNamespace: from.metadata.namespace ?? DEFAULT_NAMESPACE,
  });
}
