/**
 * Catalog module for Wombat's Project and Cluster kinds and its Proxmox VMs.
 *
 * @packageDocumentation
 */

export { catalogModuleWombat as default } from './module';
export { WombatEntitiesProcessor } from './processor/WombatEntitiesProcessor';
export { WombatProxmoxVmProvider } from './provider/WombatProxmoxVmProvider';
export { isInProject } from './permissions/isInProject';
export { hasProjectMember } from './permissions/hasProjectMember';
export { WombatLocationProvider } from './locations/WombatLocationProvider';
