/**
 * Template filters for Wombat's golden paths: `wombatGitLabMembers`,
 * `wombatHarborMembers` and `wombatRancherMembers`.
 *
 * @packageDocumentation
 */

export { scaffolderModuleWombatTemplating as default } from './module';
