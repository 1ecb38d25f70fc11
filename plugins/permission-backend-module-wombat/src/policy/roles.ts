/** Roles in a project, most powerful first. */
export const PROJECT_ROLE_RANK = {
  manager: 3,
  developer: 2,
  viewer: 1,
} as const;

export type ProjectRole = keyof typeof PROJECT_ROLE_RANK;

/** Global roles, from wombat.rbac.roles and defaultRole. */
export const GLOBAL_ROLE_RANK = { admin: 3, developer: 2, viewer: 1 } as const;

export type GlobalRole = keyof typeof GLOBAL_ROLE_RANK;

/** The more powerful of two project roles. */
export function higherProjectRole(
  a: ProjectRole | undefined,
  b: ProjectRole,
): ProjectRole {
  return a && PROJECT_ROLE_RANK[a] >= PROJECT_ROLE_RANK[b] ? a : b;
}
