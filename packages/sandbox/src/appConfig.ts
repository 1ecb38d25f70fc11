import { SANDBOX_CREDENTIALS } from './credentials';
import type { SystemName } from './systems/SystemName';

/**
 * The part of the portal's configuration that points at a sandbox.
 *
 * @public
 */
export type SandboxAppConfig = {
  integrations: {
    gitlab: Array<{
      host: string;
      apiBaseUrl: string;
      baseUrl: string;
      token: string;
    }>;
  };
  wombat: {
    harbor: {
      instances: Array<{
        name: string;
        url: string;
        username: string;
        password: string;
      }>;
    };
    rancher: { instances: Array<{ name: string; url: string; token: string }> };
    proxmox: {
      instances: Array<{
        name: string;
        url: string;
        tokenId: string;
        tokenSecret: string;
        node: string;
        allowed: typeof SANDBOX_PROXMOX_ALLOWED;
      }>;
    };
  };
};

/**
 * What non-admins may ask of the sandbox's Proxmox: its Ubuntu template, and
 * the sizes and networks the New VM template offers.
 */
export const SANDBOX_PROXMOX_ALLOWED = {
  templates: ['ubuntu-24.04-cloud'],
  networks: [{ bridge: 'vmbr0' }, { bridge: 'vmbr0', vlan: 20 }],
  maxCores: 4,
  maxMemoryMiB: 8192,
  maxDiskGiB: 80,
  // No pool may be asked for.
  pools: [] as string[],
};

/**
 * `integrations.gitlab` and `wombat.harbor|rancher|proxmox` for a sandbox
 * at these URLs, as app-config.yaml has them for `yarn sandbox`.
 */
export function sandboxAppConfig(
  urls: Record<SystemName, string>,
  proxmoxNode: string,
): SandboxAppConfig {
  return {
    integrations: {
      gitlab: [
        {
          host: new URL(urls.gitlab).host,
          apiBaseUrl: `${urls.gitlab}/api/v4`,
          baseUrl: urls.gitlab,
          token: SANDBOX_CREDENTIALS.gitlab.token,
        },
      ],
    },
    wombat: {
      harbor: {
        instances: [
          { name: 'default', url: urls.harbor, ...SANDBOX_CREDENTIALS.harbor },
        ],
      },
      rancher: {
        instances: [
          {
            name: 'default',
            url: urls.rancher,
            token: SANDBOX_CREDENTIALS.rancher.token,
          },
        ],
      },
      proxmox: {
        instances: [
          {
            name: 'default',
            url: urls.proxmox,
            ...SANDBOX_CREDENTIALS.proxmox,
            node: proxmoxNode,
            allowed: SANDBOX_PROXMOX_ALLOWED,
          },
        ],
      },
    },
  };
}
