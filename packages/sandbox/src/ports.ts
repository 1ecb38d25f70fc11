import { SYSTEM_NAMES, type SystemName } from './systems/SystemName';

/** The first of the four ports `yarn sandbox` uses: GitLab, Harbor, Rancher, Proxmox. */
export const DEFAULT_FIRST_PORT = 7101;

/** The fixed ports `yarn sandbox` listens on, which app-config.yaml points at. */
export function sandboxPorts(
  firstPort = DEFAULT_FIRST_PORT,
): Record<SystemName, number> {
  return Object.fromEntries(
    SYSTEM_NAMES.map((system, index) => [system, firstPort + index]),
  ) as Record<SystemName, number>;
}
