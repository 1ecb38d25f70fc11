/**
 * Catalog module for Wombat's Project and Cluster kinds.
 *
 * @packageDocumentation
 */

export { catalogModuleWombat as default } from './module';
export { WombatEntitiesProcessor } from './processor/WombatEntitiesProcessor';
export { isInProject } from './permissions/isInProject';
