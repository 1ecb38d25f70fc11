import type { Entity } from '@backstage/catalog-model';
import type { ClusterEntityV1alpha1 } from './ClusterEntityV1alpha1';
import type { ProjectEntityV1alpha1 } from './ProjectEntityV1alpha1';
import { CLUSTER_KIND, PROJECT_KIND, WOMBAT_API_VERSION } from './constants';

function isWombatKind(entity: Entity, kind: string): boolean {
  return (
    entity.apiVersion === WOMBAT_API_VERSION &&
    entity.kind.toLocaleLowerCase('en-US') === kind.toLocaleLowerCase('en-US')
  );
}

/** @public */
export function isProjectEntity(
  entity: Entity,
): entity is ProjectEntityV1alpha1 {
  return isWombatKind(entity, PROJECT_KIND);
}

/** @public */
export function isClusterEntity(
  entity: Entity,
): entity is ClusterEntityV1alpha1 {
  return isWombatKind(entity, CLUSTER_KIND);
}

/** The visibility of a project, with the default applied. @public */
export function getProjectVisibility(project: ProjectEntityV1alpha1) {
  return project.spec.visibility ?? 'internal';
}
