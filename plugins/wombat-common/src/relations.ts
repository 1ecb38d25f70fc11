/*
 * Relation types of our own. Project membership deliberately does not reuse
 * Backstage's `hasMember`/`memberOf`: those drive org views and ownership
 * resolution, which must not change because someone is in a project.
 */

/** From a Project to a User or Group with a role in it. @public */
export const RELATION_HAS_PROJECT_MEMBER = 'hasProjectMember';

/** From a User or Group to a Project it has a role in. @public */
export const RELATION_PROJECT_MEMBER_OF = 'projectMemberOf';

/** From a Project to a Cluster one of its environments runs on. @public */
export const RELATION_DEPLOYS_TO = 'deploysTo';

/** From a Cluster to a Project that has an environment on it. @public */
export const RELATION_DEPLOYMENT_TARGET_OF = 'deploymentTargetOf';

/** From an entity annotated with `wombat.dev/project` to that Project. @public */
export const RELATION_PART_OF_PROJECT = 'partOfProject';

/** From a Project to an entity annotated with it. @public */
export const RELATION_PROJECT_HAS_PART = 'projectHasPart';

/**
 * Each of Wombat's relation types with its reverse, the first being the one
 * a graph draws when it merges the two.
 *
 * @public
 */
export const WOMBAT_RELATION_PAIRS: ReadonlyArray<readonly [string, string]> = [
  [RELATION_HAS_PROJECT_MEMBER, RELATION_PROJECT_MEMBER_OF],
  [RELATION_DEPLOYS_TO, RELATION_DEPLOYMENT_TARGET_OF],
  [RELATION_PROJECT_HAS_PART, RELATION_PART_OF_PROJECT],
];
