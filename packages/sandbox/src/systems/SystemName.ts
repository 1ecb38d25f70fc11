/** The systems the sandbox simulates, one HTTP server each. */
export const SYSTEM_NAMES = ['gitlab', 'harbor', 'rancher', 'proxmox'] as const;

/** @public */
export type SystemName = (typeof SYSTEM_NAMES)[number];

/** Where each system's API starts; faults and errors are rendered from there. */
export const API_PREFIXES: Record<SystemName, string> = {
  gitlab: '/api/v4',
  harbor: '/api/v2.0',
  rancher: '',
  proxmox: '/api2/json',
};

export function isSystemName(value: unknown): value is SystemName {
  return SYSTEM_NAMES.includes(value as SystemName);
}
