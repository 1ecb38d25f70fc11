/**
 * Wombat's permission policy for Backstage.
 *
 * @packageDocumentation
 */

export { permissionModuleWombatPolicy as default } from './module';
export { WombatPermissionPolicy } from './policy/WombatPermissionPolicy';
export { ProjectDirectory } from './policy/ProjectDirectory';
export { readRbacConfig } from './policy/RbacConfig';
