/**
 * Wombat's backend library: clients for GitLab and Harbor configured from
 * app-config, error mapping to Backstage errors, and the external systems'
 * naming rules.
 *
 * @packageDocumentation
 */

export * from './retry';
export { GitLabClientFactory } from './gitlab/GitLabClientFactory';
export type { GitLabApi, GitLabClient } from './gitlab/GitLabClientFactory';
export { createGitLabRequesterFn } from './gitlab/gitlabRequester';
export { HarborClient } from './harbor/HarborClient';
export type { HarborInstanceConfig } from './harbor/HarborClient';
export { HarborClientFactory } from './harbor/HarborClientFactory';
export * from './harbor/types';
export * from './validation/gitlabNames';
export * from './validation/harborNames';
export * from './validation/sshPublicKey';
export * from './gitlab/projectVariables';
