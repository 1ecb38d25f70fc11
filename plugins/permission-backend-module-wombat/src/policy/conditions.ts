import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  RULE_HAS_PROJECT_MEMBER,
  RULE_IS_IN_PROJECT,
} from '@wombat/plugin-wombat-common';

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

/** Projects that have one of these users or groups as a member (the catalog rule catalog-backend-module-wombat adds). */
export function hasMember(claims: readonly string[]): Criteria {
  return {
    rule: RULE_HAS_PROJECT_MEMBER,
    resourceType: 'catalog-entity',
    params: { claims: [...claims] },
  };
}

export function ownedBy(claims: readonly string[]): Criteria {
  return {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: { claims: [...claims] },
  };
}

/** Actions with one of these ids (the scaffolder's own rule). */
export function actionIn(actionIds: readonly string[]): Criteria {
  return anyOf(
    actionIds.map(actionId => ({
      rule: 'HAS_ACTION_ID',
      resourceType: 'scaffolder-action',
      params: { actionId },
    })),
  );
}

/** Entities whose spec has this value at `key` (the catalog's own rule). */
export function specIs(key: string, value: string): Criteria {
  return {
    rule: 'HAS_SPEC',
    resourceType: 'catalog-entity',
    params: { key, value },
  };
}

/** Tasks these users started (the scaffolder's own rule). */
export function taskCreatedBy(userEntityRefs: readonly string[]): Criteria {
  return {
    rule: 'IS_TASK_OWNER',
    resourceType: 'scaffolder-task',
    params: { createdBy: [...userEntityRefs] },
  };
}

export function templateHasTag(tag: string): Criteria {
  return {
    rule: 'HAS_TAG',
    resourceType: 'scaffolder-template',
    params: { tag },
  };
}
