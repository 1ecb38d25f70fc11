import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ProxmoxClientFactory } from '@wombat/plugin-wombat-node';
import { createFakeProxmox } from '@wombat/plugin-wombat-node-test-utils';
import { setupServer } from 'msw/node';

export const TOKEN_SECRET = '0b7c2c7e-6f4e-4a8e-9d1a-3f3b8a7c1d2e';

/** Fast polling for tests: the fake's tasks take tens of milliseconds. */
export const TEST_TIMINGS = { cloneMs: 5000, taskMs: 5000, pollMs: 5 };

/**
 * A fresh fake Proxmox for each test, a client factory for it, and a check
 * after each test that nothing was sent that the real server would refuse.
 */
export function useFakeProxmox() {
  const server = setupServer();
  registerMswTestHooks(server);
  const config = new ConfigReader({
    wombat: {
      proxmox: {
        instances: [
          {
            name: 'default',
            url: 'https://pve.example.com:8006',
            tokenId: 'wombat@pve!portal',
            tokenSecret: TOKEN_SECRET,
            node: 'pve1',
          },
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

/** Requests that change something. */
export function writes(requests: Array<{ method: string; path: string }>) {
  return requests.filter(r => !['GET', 'HEAD'].includes(r.method));
}
