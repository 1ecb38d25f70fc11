import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityPermissionResourceRef } from '@backstage/plugin-catalog-node/alpha';
import { EntitiesSearchFilter } from '@backstage/plugin-catalog-node';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { createPermissionRule } from '@backstage/plugin-permission-node';
import {
  RELATION_PART_OF_PROJECT,
  RULE_IS_IN_PROJECT,
  isProjectEntity,
  projectRefOf,
} from '@wombat/plugin-wombat-common';
import { z } from 'zod';

function normalised(projects: readonly string[]) {
  return projects.map(p =>
    stringifyEntityRef(
      parseEntityRef(p, {
        defaultKind: 'project',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US'),
  );
}

/**
 * Matches the entities of the given projects: the Project entities and every
 * entity whose `partOfProject` relation points at one of them. The relation
 * is what the processor made of the `wombat.dev/project` annotation, in
 * whatever spelling the annotation had, so `apply` (one entity) and
 * `toQuery` (the catalog's database query) decide alike. The permission
 * policy uses it to hide private projects from non-members; the catalog
 * turns it into a query, so hidden entities never leave it.
 *
 * @public
 */
export const isInProject = createPermissionRule({
  name: RULE_IS_IN_PROJECT,
  description:
    'Allow entities of the given Wombat projects: the projects and what belongs to them',
  resourceRef: catalogEntityPermissionResourceRef,
  paramsSchema: z.object({
    projects: z
      .array(z.string())
      .describe('Project entity references, e.g. project:default/payments'),
  }),
  apply(entity, { projects }) {
    const wanted = new Set(normalised(projects));
    if (isProjectEntity(entity)) {
      return wanted.has(projectRefOf(entity));
    }
    return (entity.relations ?? []).some(
      relation =>
        relation.type === RELATION_PART_OF_PROJECT &&
        wanted.has(relation.targetRef.toLocaleLowerCase('en-US')),
    );
  },
  toQuery({ projects }) {
    const refs = normalised(projects);
    // The Project entities themselves, per namespace: their kind, namespace
    // and name are the three columns the catalog's search table has.
    const byNamespace = new Map<string, string[]>();
    for (const ref of refs) {
      const { namespace, name } = parseEntityRef(ref);
      byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), name]);
    }
    const partOf: EntitiesSearchFilter = {
      key: `relations.${RELATION_PART_OF_PROJECT.toLocaleLowerCase('en-US')}`,
      values: refs,
    };
    const projectEntities = [...byNamespace].map(
      ([namespace, names]): PermissionCriteria<EntitiesSearchFilter> => ({
        allOf: [
          { key: 'kind', values: ['project'] },
          { key: 'metadata.namespace', values: [namespace] },
          { key: 'metadata.name', values: names },
        ],
      }),
    );
    return { anyOf: [partOf, ...projectEntities] };
  },
});
