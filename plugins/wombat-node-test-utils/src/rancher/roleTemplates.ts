/**
 * Rancher's built-in project role templates and the role templates each
 * inherits (rancher/rancher pkg/data/management/role_data.go). The inherited
 * ones are external: Kubernetes' own `admin`, `edit` and `view` ClusterRoles.
 */
export const PROJECT_ROLE_TEMPLATES: Record<string, string[]> = {
  'project-owner': ['admin'],
  'project-member': ['edit'],
  'read-only': ['view'],
};

export function isProjectRoleTemplate(id: string): boolean {
  return Object.hasOwn(PROJECT_ROLE_TEMPLATES, id);
}

/** The role template and those it inherits: one RoleBinding each. */
export function gatherRoles(roleTemplateId: string): string[] {
  return [roleTemplateId, ...(PROJECT_ROLE_TEMPLATES[roleTemplateId] ?? [])];
}
