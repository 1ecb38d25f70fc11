import { catalogEntityPermissionResourceRef } from '@backstage/plugin-catalog-node/alpha';
import { createPermissionRule } from '@backstage/plugin-permission-node';
import {
  RELATION_HAS_PROJECT_MEMBER,
  RULE_HAS_PROJECT_MEMBER,
} from '@wombat/plugin-wombat-common';
import { z } from 'zod';

/**
 * Matches the Projects that name one of the given users or groups in
 * `spec.members`, by the `hasProjectMember` relations the processor emits
 * from them. With `IS_ENTITY_OWNER`, this is how the policy shows a private
 * Project to its people from what the catalog holds now, without waiting
 * for its own next read of the projects.
 *
 * @public
 */
export const hasProjectMember = createPermissionRule({
  name: RULE_HAS_PROJECT_MEMBER,
  description:
    'Allow Wombat Projects that have one of the given users or groups as a member',
  resourceRef: catalogEntityPermissionResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('User and group entity references, e.g. user:default/jdoe'),
  }),
  apply(entity, { claims }) {
    const wanted = new Set(claims.map(c => c.toLocaleLowerCase('en-US')));
    return (entity.relations ?? []).some(
      relation =>
        relation.type === RELATION_HAS_PROJECT_MEMBER &&
        wanted.has(relation.targetRef.toLocaleLowerCase('en-US')),
    );
  },
  toQuery({ claims }) {
    return {
      key: `relations.${RELATION_HAS_PROJECT_MEMBER.toLocaleLowerCase(
        'en-US',
      )}`,
      values: claims.map(c => c.toLocaleLowerCase('en-US')),
    };
  },
});
