/**
 * Scaffolder actions for Rancher: rancher:project:create and
 * rancher:namespace:create.
 *
 * @packageDocumentation
 */

export { scaffolderModuleWombatRancher as default } from './module';
export { createRancherProjectCreateAction } from './actions/rancherProjectCreate';
export { createRancherNamespaceCreateAction } from './actions/rancherNamespaceCreate';
