import {
  CompoundEntityRef,
  Entity,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  getCompoundEntityRef,
  parseEntityRef,
} from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  CLUSTER_KIND,
  RELATION_DEPLOYMENT_TARGET_OF,
  RELATION_DEPLOYS_TO,
  RELATION_HAS_PROJECT_MEMBER,
  RELATION_PART_OF_PROJECT,
  RELATION_PROJECT_HAS_PART,
  RELATION_PROJECT_MEMBER_OF,
  clusterEntityV1alpha1Validator,
  getEntityProjectRef,
  isClusterEntity,
  isProjectEntity,
  projectEntityV1alpha1Validator,
} from '@wombat/plugin-wombat-common';

/**
 * Validates the Project and Cluster kinds and emits their relations, each in
 * both directions: ownership, project membership, environments to clusters,
 * and any entity annotated with `wombat.dev/project` to that project.
 *
 * @public
 */
export class WombatEntitiesProcessor implements CatalogProcessor {
  private readonly validators = [
    projectEntityV1alpha1Validator,
    clusterEntityV1alpha1Validator,
  ];

  getProcessorName(): string {
    return 'WombatEntitiesProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    for (const validator of this.validators) {
      if (await validator.check(entity)) {
        return true;
      }
    }
    return false;
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const self = getCompoundEntityRef(entity);
    const link = (
      target: CompoundEntityRef,
      outgoing: string,
      incoming: string,
    ) => {
      emit(processingResult.relation({ source: self, type: outgoing, target }));
      emit(
        processingResult.relation({
          source: target,
          type: incoming,
          target: self,
        }),
      );
    };
    const ref = (value: string, defaultKind?: string) =>
      parseEntityRef(value, { defaultKind, defaultNamespace: self.namespace });

    if (isProjectEntity(entity)) {
      link(
        ref(entity.spec.owner, 'Group'),
        RELATION_OWNED_BY,
        RELATION_OWNER_OF,
      );
      for (const { member } of entity.spec.members ?? []) {
        link(
          ref(member),
          RELATION_HAS_PROJECT_MEMBER,
          RELATION_PROJECT_MEMBER_OF,
        );
      }
      for (const { cluster } of entity.spec.environments ?? []) {
        link(
          ref(cluster, CLUSTER_KIND),
          RELATION_DEPLOYS_TO,
          RELATION_DEPLOYMENT_TARGET_OF,
        );
      }
      return entity;
    }

    if (isClusterEntity(entity)) {
      link(
        ref(entity.spec.owner, 'Group'),
        RELATION_OWNED_BY,
        RELATION_OWNER_OF,
      );
    }

    let project: CompoundEntityRef | undefined;
    try {
      project = getEntityProjectRef(entity);
    } catch (error) {
      emit(processingResult.inputError(location, (error as Error).message));
      return entity;
    }
    if (project) {
      link(project, RELATION_PART_OF_PROJECT, RELATION_PROJECT_HAS_PART);
    }
    return entity;
  }
}
