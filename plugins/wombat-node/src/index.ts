/**
 * Wombat's backend library: clients for GitLab, Harbor, Rancher and Proxmox
 * configured from app-config, error mapping to Backstage errors, the
 * external systems' naming rules, and the Proxmox tags and events that
 * Wombat's actions and catalog provider share.
 *
 * @packageDocumentation
 */

export * from './retry';
export * from './actions';
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
export { RancherClient } from './rancher/RancherClient';
export type { RancherInstanceConfig } from './rancher/RancherClient';
export { RancherClientFactory } from './rancher/RancherClientFactory';
export { RancherKubernetes } from './rancher/RancherKubernetes';
export * from './rancher/types';
export { ProxmoxClient, encodeSshKeysParameter } from './proxmox/ProxmoxClient';
export type { ProxmoxInstanceConfig } from './proxmox/ProxmoxClient';
export { ProxmoxClientFactory } from './proxmox/ProxmoxClientFactory';
export * from './proxmox/types';
export * from './proxmox/wombatTags';
export * from './proxmox/events';
export * from './catalog/wombatLocations';
export { firstGuestIpv4 } from './proxmox/guestAddress';
export * from './harbor/robotPermissions';
export * from './harbor/projectRobots';
export * from './harbor/robotBinding';
export * from './harbor/harborProjectStamp';
export * from './harbor/boundRobots';
export { requireProject as requireHarborProject } from './harbor/requireProject';
