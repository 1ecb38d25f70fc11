/**
 * Local simulators of GitLab, Harbor, Rancher and Proxmox VE for the Wombat
 * portal's development and end-to-end tests. Never deployed.
 *
 * @packageDocumentation
 */

export { startSandbox } from './startSandbox';
export type { Sandbox, SandboxOptions } from './startSandbox';
export { sandboxAppConfig } from './appConfig';
export type { SandboxAppConfig } from './appConfig';
export { SANDBOX_CREDENTIALS } from './credentials';
export { readDemoSeed } from './seed/readDemoSeed';
export type { SandboxSeed } from './seed/SandboxSeed';
export type { SandboxFault } from './http/faults';
export type { SandboxState } from './http/sandboxState';
export type { SandboxSystems, ProxmoxTiming } from './systems/createSystems';
export { SYSTEM_NAMES } from './systems/SystemName';
export type { SystemName } from './systems/SystemName';
