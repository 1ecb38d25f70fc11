import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createFakeProxmox } from '@wombat/plugin-wombat-node-test-utils';
import { setupServer } from 'msw/node';
import { encodeSshKeysParameter } from './ProxmoxClient';
import { ProxmoxClientFactory } from './ProxmoxClientFactory';

const SECRET = '0b7c2c7e-6f4e-4a8e-9d1a-3f3b8a7c1d2e';
const factory = ProxmoxClientFactory.fromConfig(
  new ConfigReader({
    wombat: {
      proxmox: {
        instances: [
          {
            name: 'default',
            url: 'https://pve.example.com:8006',
            tokenId: 'wombat@pve!portal',
            tokenSecret: SECRET,
            node: 'pve1',
          },
        ],
      },
    },
  }),
  { retry: { baseDelayMs: 1 } },
);

describe('ProxmoxClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  let proxmox: ReturnType<typeof createFakeProxmox>;
  const client = () => factory.forInstance();

  beforeEach(() => {
    proxmox = createFakeProxmox({ taskMs: 20 });
    server.use(...proxmox.handlers);
  });

  afterEach(() => {
    if (proxmox.violations.length > 0) {
      throw new Error(
        `Proxmox contract violations: ${proxmox.violations.join('; ')}`,
      );
    }
  });

  it('turns the next id into a number and clones into it', async () => {
    const vmid = await client().nextId();
    expect(vmid).toBe(100);
    const upid = await client().clone('pve1', 9000, {
      newid: vmid,
      name: 'x1',
      full: true,
    });
    expect(upid).toMatch(/^UPID:pve1:/);
    await client().waitForTask('pve1', upid, { timeoutMs: 2000, pollMs: 5 });
    expect(proxmox.state.vms.find(v => v.vmid === vmid)?.name).toBe('x1');
  });

  it("reports the reason from Proxmox's status line and body", async () => {
    const error = await client()
      .clone('pve1', 9000, { newid: 9000, name: 'x1' })
      .catch(e => e);
    expect(error.message).toMatch(
      /^Proxmox default POST \/nodes\/pve1\/qemu\/9000\/clone failed with 500: unable to create VM 9000: config file already exists/,
    );
    expect(error.message).not.toContain(SECRET);
    const invalid = await client()
      .setConfig('pve1', 9000, { cores: 'many' })
      .catch(e => e);
    expect(invalid.name).toBe('InputError');
    expect(invalid.message).toMatch(
      /Parameter verification failed\. - cores: /,
    );
    proxmox.violations.length = 0;
  });

  it("fails a task with Proxmox's exit status, and a task that takes too long", async () => {
    proxmox.failNextTask('qmstart', 'start failed: QEMU exited with code 1');
    const upid = await client().start('pve1', 9000);
    await expect(
      client().waitForTask('pve1', upid, { timeoutMs: 2000, pollMs: 5 }),
    ).rejects.toThrow(
      'Proxmox task qmstart failed: start failed: QEMU exited with code 1',
    );

    const slow = createFakeProxmox({ taskMs: 1000 });
    server.use(...slow.handlers);
    const cloning = await client().clone('pve1', 9000, {
      newid: 100,
      name: 'slow',
    });
    await expect(
      client().waitForTask('pve1', cloning, { timeoutMs: 50, pollMs: 5 }),
    ).rejects.toThrow('Proxmox task qmclone did not finish within 0 s');
  });

  it("reads a VM's IPv4 from its guest agent, and none while the agent is down", async () => {
    proxmox.state.vms.push({
      vmid: 101,
      node: 'pve1',
      name: 'payments-db',
      template: false,
      status: 'running',
      startedAt: Date.now() - 60_000,
      tags: ['wombat'],
      config: { agent: '1', net0: 'virtio=BC:24:11:00:01:10,bridge=vmbr0' },
      ip: '10.0.0.2/24',
    });
    expect(await client().guestIpv4('pve1', 101)).toBe('10.0.0.2');

    // Proxmox answers 500 while the agent is not running.
    proxmox.state.vms[1].status = 'stopped';
    expect(await client().guestIpv4('pve1', 101)).toBeUndefined();

    proxmox.failNext({ method: 'GET', path: /agent/ }, 403);
    await expect(client().guestIpv4('pve1', 101)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
  });

  it('lists the configured instance names', () => {
    expect(factory.instanceNames()).toEqual(['default']);
  });

  it('encodes SSH keys the way the sshkeys parameter wants them', () => {
    expect(
      encodeSshKeysParameter(['ssh-ed25519 AAAA+/= a@b', 'ssh-rsa BBBB c']),
    ).toBe('ssh-ed25519%20AAAA%2B%2F%3D%20a%40b%0Assh-rsa%20BBBB%20c');
  });
});
