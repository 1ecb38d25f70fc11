import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { RULE_IS_IN_PROJECT } from '@wombat/plugin-wombat-common';

/*
 * Conditions are plain data naming rules of the plugin that owns the
 * resource. Built here directly, the policy needs none of the catalog's or
 * the scaffolder's backend packages.
 */

export type Criteria = PermissionCriteria<PermissionCondition>;

/** Any of the criteria; callers make sure there is at least one. */
export function anyOf(criteria: Criteria[]): Criteria {
  return criteria.length === 1
    ? criteria[0]
    : { anyOf: criteria as [Criteria, ...Criteria[]] };
}

export const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
export const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

export function conditional(
  pluginId: 'catalog' | 'scaffolder',
  resourceType: string,
  conditions: Criteria,
): ConditionalPolicyDecision {
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId,
    resourceType,
    conditions,
  };
}

/** Entities of these projects (the catalog rule catalog-backend-module-wombat adds). */
export function inProjects(projects: string[]): Criteria {
  return {
    rule: RULE_IS_IN_PROJECT,
    resourceType: 'catalog-entity',
    params: { projects },
  };
}

/** Entities of these kinds (the catalog's own rule). */
export function kindIs(kinds: string[]): Criteria {
  return {
    rule: 'IS_ENTITY_KIND',
    resourceType: 'catalog-entity',
    params: { kinds },
  };
}

export function ownedBy(claims: readonly string[]): Criteria {
  return {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: { claims: [...claims] },
  };
}

export function actionIs(actionId: string): Criteria {
  return {
    rule: 'HAS_ACTION_ID',
    resourceType: 'scaffolder-action',
    params: { actionId },
  };
}

/** The action's `project` input names one of these projects (by name). */
export function projectInputIn(projectRefs: string[]): Criteria[] {
  return projectRefs.map(ref => ({
    rule: 'HAS_STRING_PROPERTY',
    resourceType: 'scaffolder-action',
    params: { key: 'project', value: ref.slice(ref.indexOf('/') + 1) },
  }));
}

export function templateHasTag(tag: string): Criteria {
  return {
    rule: 'HAS_TAG',
    resourceType: 'scaffolder-template',
    params: { tag },
  };
}
