/**
 * Wombat's frontend plugin.
 *
 * @packageDocumentation
 */

export { wombatPlugin as default } from './plugin';
export { catalogGraphModuleWombat } from './catalogGraphModule';
