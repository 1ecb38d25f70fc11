import { Config } from '@backstage/config';
import { ProxmoxAllowList } from './types';

/**
 * Reads the `allowed` block of one entry of `wombat.proxmox.instances`.
 * Every key but `pools` is required, so an instance is never open by a
 * forgotten key.
 */
export function readProxmoxAllowList(
  instance: Config,
): ProxmoxAllowList | undefined {
  const allowed = instance.getOptionalConfig('allowed');
  if (!allowed) return undefined;
  const templates = allowed.get('templates');
  if (
    !Array.isArray(templates) ||
    !templates.every(
      t => (typeof t === 'string' && t.trim() !== '') || Number.isInteger(t),
    )
  ) {
    throw new Error(
      `wombat.proxmox.instances ${instance.getString(
        'name',
      )}: allowed.templates must be a list of template names or VMIDs`,
    );
  }
  return {
    templates: templates as Array<string | number>,
    networks: allowed.getConfigArray('networks').map(network => ({
      bridge: network.getString('bridge'),
      vlan: network.getOptionalNumber('vlan'),
    })),
    pools: allowed.getOptionalStringArray('pools') ?? [],
    maxCores: allowed.getNumber('maxCores'),
    maxMemoryMiB: allowed.getNumber('maxMemoryMiB'),
    maxDiskGiB: allowed.getNumber('maxDiskGiB'),
  };
}
