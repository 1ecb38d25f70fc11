import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ProxmoxClientFactory } from '@wombat/plugin-wombat-node';
import { createFakeProxmox } from '@wombat/plugin-wombat-node-test-utils';
import { setupServer } from 'msw/node';

export const TOKEN_SECRET = '0b7c2c7e-6f4e-4a8e-9d1a-3f3b8a7c1d2e';

/** Fast polling for tests: the fake's tasks take tens of milliseconds. */
export const TEST_TIMINGS = { cloneMs: 5000, taskMs: 5000, pollMs: 5 };

/**
 * What non-admins may create on the `default` instance; the `open`
 * instance (same server) has no allow-list, so only admins create there.
 */
export const ALLOWED = {
  templates: ['ubuntu-24.04-cloud'],
  networks: [{ bridge: 'vmbr0' }, { bridge: 'vmbr0', vlan: 20 }],
  pools: ['payments'],
  maxCores: 8,
  maxMemoryMiB: 16384,
  maxDiskGiB: 100,
};

/**
 * A fresh fake Proxmox for each test, a client factory for it, and a check
 * after each test that nothing was sent that the real server would refuse.
 */
export function useFakeProxmox() {
  const server = setupServer();
  registerMswTestHooks(server);
  const instance = {
    url: 'https://pve.example.com:8006',
    tokenId: 'wombat@pve!portal',
    tokenSecret: TOKEN_SECRET,
    node: 'pve1',
  };
  const config = new ConfigReader({
    wombat: {
      proxmox: {
        instances: [
          { name: 'default', ...instance, allowed: ALLOWED },
          { name: 'open', ...instance },
        ],
      },
    },
  });
  const systems = {
    proxmox: createFakeProxmox(),
    clients: ProxmoxClientFactory.fromConfig(config, {
      retry: { baseDelayMs: 1 },
    }),
  };
  beforeEach(() => {
    systems.proxmox = createFakeProxmox({ taskMs: 20, agentReadyMs: 40 });
    server.use(...systems.proxmox.handlers);
  });
  afterEach(() => {
    if (systems.proxmox.violations.length > 0) {
      throw new Error(
        `Proxmox contract violations: ${systems.proxmox.violations.join('; ')}`,
      );
    }
  });
  return systems;
}

/** A VM as proxmox:vm:create leaves it, to seed the fake with. */
export function wombatVm(seed: {
  vmid: number;
  name: string;
  tags: string[];
  config?: Record<string, string>;
  status?: 'running' | 'stopped';
}) {
  return {
    vmid: seed.vmid,
    node: 'pve1',
    name: seed.name,
    template: false,
    status: seed.status ?? ('running' as const),
    startedAt: Date.now(),
    tags: seed.tags,
    config: {
      cores: '2',
      memory: '2048',
      scsi0: `local-lvm:vm-${seed.vmid}-disk-0,size=8G`,
      net0: 'virtio=BC:24:11:00:01:01,bridge=vmbr0,tag=20',
      ipconfig0: 'ip=10.0.20.15/24,gw=10.0.20.1',
      sshkeys:
        'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAcs7rbRiJmYKirp7WzM4v6LbX4mhxSvAO8ZuZHiZG5+ maria@laptop',
      agent: '1',
      ...seed.config,
    },
  };
}

/** Requests that change something. */
export function writes(requests: Array<{ method: string; path: string }>) {
  return requests.filter(r => !['GET', 'HEAD'].includes(r.method));
}
