/**
 * Scaffolder actions for Proxmox VE: proxmox:vm:create and proxmox:vm:destroy.
 *
 * @packageDocumentation
 */

export { scaffolderModuleWombatProxmox as default } from './module';
export { createProxmoxVmCreateAction } from './actions/proxmoxVmCreate';
export { createProxmoxVmDestroyAction } from './actions/proxmoxVmDestroy';
