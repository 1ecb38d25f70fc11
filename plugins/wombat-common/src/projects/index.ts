export {
  normalizeEntityRef,
  parseProjectRef,
  stringifyProjectRef,
  projectRefOf,
} from './refs';
export {
  PROJECT_ROLE_RANK,
  GLOBAL_ROLES,
  GLOBAL_ROLE_RANK,
  higherProjectRole,
  hasProjectRole,
} from './roles';
export type { GlobalRole } from './roles';
export { projectGrants, resolveGrants, effectiveProjectRole } from './grants';
export type { ProjectGrant } from './grants';
export { readWombatRbac, globalRoleOf } from './rbac';
export type { WombatRbac } from './rbac';
export { resolveProjectAccess, mayActInProject, ROLE_NEEDED } from './access';
export type { ProjectAccess, ProjectAct } from './access';
export { projectStamp, readProjectStamps, projectSystemName } from './stamps';
