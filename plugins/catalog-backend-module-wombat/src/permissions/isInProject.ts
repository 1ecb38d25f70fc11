import {
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogEntityPermissionResourceRef } from '@backstage/plugin-catalog-node/alpha';
import { createPermissionRule } from '@backstage/plugin-permission-node';
import {
  ANNOTATION_PROJECT,
  RULE_IS_IN_PROJECT,
  getEntityProjectRef,
  isProjectEntity,
} from '@wombat/plugin-wombat-common';
import { z } from 'zod';

/**
 * Matches the entities of the given projects: the Project entities and every
 * entity whose `wombat.dev/project` annotation names one of them. The
 * permission policy uses it to hide private projects from non-members; the
 * catalog turns it into a database query, so hidden entities never leave it.
 *
 * @public
 */
export const isInProject = createPermissionRule({
  name: RULE_IS_IN_PROJECT,
  description:
    'Allow entities of the given Wombat projects: the projects and what is annotated with them',
  resourceRef: catalogEntityPermissionResourceRef,
  paramsSchema: z.object({
    projects: z
      .array(z.string())
      .describe('Project entity references, e.g. project:default/payments'),
  }),
  apply(entity, { projects }) {
    const wanted = new Set(
      projects.map(p =>
        stringifyEntityRef(parseEntityRef(p, { defaultKind: 'Project' })),
      ),
    );
    if (isProjectEntity(entity)) {
      return wanted.has(stringifyEntityRef(getCompoundEntityRef(entity)));
    }
    try {
      const project = getEntityProjectRef(entity);
      return project !== undefined && wanted.has(stringifyEntityRef(project));
    } catch {
      return false;
    }
  },
  toQuery({ projects }) {
    const refs = projects.map(p =>
      parseEntityRef(p, { defaultKind: 'Project' }),
    );
    // The annotation may hold a bare name or a full reference. A bare name
    // is matched whatever the entity's namespace: for hiding private
    // projects, matching too much is the safe side.
    const annotationValues = refs.flatMap(r => [
      r.name,
      `project:${r.namespace}/${r.name}`,
      `${r.namespace}/${r.name}`,
    ]);
    return {
      anyOf: [
        {
          key: `metadata.annotations.${ANNOTATION_PROJECT}`,
          values: annotationValues,
        },
        {
          allOf: [
            { key: 'kind', values: ['project'] },
            { key: 'metadata.name', values: refs.map(r => r.name) },
          ],
        },
      ],
    };
  },
});
