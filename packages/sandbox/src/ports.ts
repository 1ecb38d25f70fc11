import type { SystemName } from './systems/SystemName';

/** The fixed ports `yarn sandbox` uses, which app-config.yaml points at. */
export const SANDBOX_PORTS: Record<SystemName, number> = {
  gitlab: 7101,
  harbor: 7102,
  rancher: 7103,
  proxmox: 7104,
};
