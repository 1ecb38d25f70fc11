import type { ProjectRole } from '../kinds/ProjectEntityV1alpha1';

/** Roles in a project by power. @public */
export const PROJECT_ROLE_RANK: Readonly<Record<ProjectRole, number>> = {
  viewer: 1,
  developer: 2,
  manager: 3,
};

/** Global roles, from `wombat.rbac.roles` and `defaultRole`. @public */
export const GLOBAL_ROLES = ['admin', 'developer', 'viewer'] as const;

/** @public */
export type GlobalRole = (typeof GLOBAL_ROLES)[number];

/** Global roles by power. @public */
export const GLOBAL_ROLE_RANK: Readonly<Record<GlobalRole, number>> = {
  viewer: 1,
  developer: 2,
  admin: 3,
};

/** The more powerful of two project roles. @public */
export function higherProjectRole(
  a: ProjectRole | undefined,
  b: ProjectRole,
): ProjectRole {
  return a && PROJECT_ROLE_RANK[a] >= PROJECT_ROLE_RANK[b] ? a : b;
}

/** Whether `held` is at least `needed`. @public */
export function hasProjectRole(
  held: ProjectRole | undefined,
  needed: ProjectRole,
): boolean {
  return (
    held !== undefined && PROJECT_ROLE_RANK[held] >= PROJECT_ROLE_RANK[needed]
  );
}
