import {
  CompoundEntityRef,
  Entity,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import { InputError } from '@backstage/errors';
import {
  ANNOTATION_PROJECT,
  CLUSTER_KIND,
  RELATION_DEPLOYMENT_TARGET_OF,
  RELATION_DEPLOYS_TO,
  RELATION_HAS_PROJECT_MEMBER,
  RELATION_PART_OF_PROJECT,
  RELATION_PROJECT_HAS_PART,
  RELATION_PROJECT_MEMBER_OF,
  clusterEntityV1alpha1Validator,
  getEntityProjectRef,
  getProjectVisibility,
  isClusterEntity,
  isProjectEntity,
  projectEntityV1alpha1Validator,
  stringifyProjectRef,
} from '@wombat/plugin-wombat-common';
import {
  WOMBAT_CLUSTER_LOCATION_TYPE,
  WOMBAT_PROJECT_LOCATION_TYPE,
} from '@wombat/plugin-wombat-node';

const ref = (entity: Entity) =>
  stringifyEntityRef(getCompoundEntityRef(entity)).toLocaleLowerCase('en-US');

/**
 * Validates the Project and Cluster kinds and emits their relations, each in
 * both directions: ownership, project membership, environments to clusters,
 * and any entity annotated with `wombat.dev/project` to that project. A
 * private project's relations point out of it only: the reverse ones would
 * sit on Users, Groups and Clusters that everyone reads, and name the
 * project in their relations and the catalog's facets.
 *
 * Entities from a Wombat location (see WOMBAT_PROJECT_LOCATION_TYPE) must
 * be what that location was registered for: its Project, or entities that
 * belong to that project (they are put into it when they name no project).
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

  async preProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    _emit: CatalogProcessorEmit,
    originLocation: LocationSpec,
  ): Promise<Entity> {
    if (entity.kind.toLocaleLowerCase('en-US') === 'location') {
      // The Wombat location itself, or a nested one, which catalog.rules
      // does not allow from a Wombat location.
      return entity;
    }
    if (originLocation.type === WOMBAT_PROJECT_LOCATION_TYPE) {
      return this.fromProjectLocation(entity, originLocation.target);
    }
    if (originLocation.type === WOMBAT_CLUSTER_LOCATION_TYPE) {
      if (ref(entity) !== originLocation.target.toLocaleLowerCase('en-US')) {
        throw new InputError(
          `The location of ${
            originLocation.target
          } may define only that Cluster, not ${ref(entity)}`,
        );
      }
    }
    return entity;
  }

  private fromProjectLocation(entity: Entity, projectRef: string): Entity {
    const wanted = projectRef.toLocaleLowerCase('en-US');
    if (isProjectEntity(entity)) {
      if (ref(entity) !== wanted) {
        throw new InputError(
          `The location of ${projectRef} may define only that Project, not ${ref(
            entity,
          )}`,
        );
      }
      return entity;
    }
    const named = getEntityProjectRef(entity);
    if (!named) {
      return {
        ...entity,
        metadata: {
          ...entity.metadata,
          annotations: {
            ...entity.metadata.annotations,
            [ANNOTATION_PROJECT]: wanted,
          },
        },
      };
    }
    if (stringifyProjectRef(named) !== wanted) {
      throw new InputError(
        `${ref(
          entity,
        )} comes from the location of ${projectRef} but names another project`,
      );
    }
    return entity;
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const self = getCompoundEntityRef(entity);
    const isPrivateProject =
      isProjectEntity(entity) && getProjectVisibility(entity) === 'private';
    const link = (
      target: CompoundEntityRef,
      outgoing: string,
      incoming: string,
    ) => {
      emit(processingResult.relation({ source: self, type: outgoing, target }));
      if (!isPrivateProject) {
        emit(
          processingResult.relation({
            source: target,
            type: incoming,
            target: self,
          }),
        );
      }
    };
    const resolve = (value: string, defaultKind?: string) =>
      parseEntityRef(value, { defaultKind, defaultNamespace: self.namespace });

    if (isProjectEntity(entity)) {
      link(
        resolve(entity.spec.owner, 'Group'),
        RELATION_OWNED_BY,
        RELATION_OWNER_OF,
      );
      for (const { member } of entity.spec.members ?? []) {
        link(
          resolve(member),
          RELATION_HAS_PROJECT_MEMBER,
          RELATION_PROJECT_MEMBER_OF,
        );
      }
      for (const { cluster } of entity.spec.environments ?? []) {
        link(
          resolve(cluster, CLUSTER_KIND),
          RELATION_DEPLOYS_TO,
          RELATION_DEPLOYMENT_TARGET_OF,
        );
      }
      return entity;
    }

    if (isClusterEntity(entity)) {
      link(
        resolve(entity.spec.owner, 'Group'),
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
