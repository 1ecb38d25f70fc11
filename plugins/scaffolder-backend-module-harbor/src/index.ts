/**
 * Scaffolder actions for Harbor: harbor:project:create, harbor:robot:create
 * and harbor:webhook:create.
 *
 * @packageDocumentation
 */

export { scaffolderModuleWombatHarbor as default } from './module';
export { createHarborProjectCreateAction } from './actions/harborProjectCreate';
export { createHarborRobotCreateAction } from './actions/harborRobotCreate';
export { createHarborWebhookCreateAction } from './actions/harborWebhookCreate';
