import {
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  Entity,
} from '@backstage/catalog-model';
import { ANNOTATION_PROJECT } from '../annotations';
import { PROJECT_KIND } from './constants';
import { checkEntityRef } from './validation';

/**
 * The project an entity belongs to through its `wombat.dev/project`
 * annotation, or undefined when it has none. A bare name is looked up in the
 * entity's own namespace. Throws an InputError when the value is not a
 * Project reference.
 *
 * @public
 */
export function getEntityProjectRef(
  entity: Entity,
): CompoundEntityRef | undefined {
  const value = entity.metadata.annotations?.[ANNOTATION_PROJECT];
  if (value === undefined) {
    return undefined;
  }
  return checkEntityRef(
    `metadata.annotations["${ANNOTATION_PROJECT}"]`,
    value.trim(),
    {
      allowedKinds: [PROJECT_KIND],
      defaultKind: PROJECT_KIND,
      defaultNamespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
    },
  );
}
