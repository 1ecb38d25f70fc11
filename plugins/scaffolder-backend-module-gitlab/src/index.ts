/**
 * Scaffolder actions for GitLab: gitlab:project:create.
 *
 * @packageDocumentation
 */

export { scaffolderModuleWombatGitLab as default } from './module';
export { createGitLabProjectCreateAction } from './actions/gitlabProjectCreate';
