import { ConfigReader } from '@backstage/config';
import { ProxmoxClientFactory } from './ProxmoxClientFactory';

function factory(allowed?: unknown) {
  return ProxmoxClientFactory.fromConfig(
    new ConfigReader({
      wombat: {
        proxmox: {
          instances: [
            {
              name: 'default',
              url: 'https://pve.example.com:8006',
              tokenId: 'wombat@pve!portal',
              tokenSecret: 'secret',
              ...(allowed === undefined ? {} : { allowed }),
            },
          ],
        },
      },
    }),
  );
}

const ALLOWED = {
  templates: ['ubuntu-24.04-cloud', 9000],
  networks: [{ bridge: 'vmbr0' }, { bridge: 'vmbr0', vlan: 20 }],
  maxCores: 8,
  maxMemoryMiB: 16384,
  maxDiskGiB: 100,
};

describe('wombat.proxmox.instances[].allowed', () => {
  it('is read with the instance; pools default to none', () => {
    expect(factory(ALLOWED).forInstance().allowed).toEqual({
      templates: ['ubuntu-24.04-cloud', 9000],
      networks: [
        { bridge: 'vmbr0', vlan: undefined },
        { bridge: 'vmbr0', vlan: 20 },
      ],
      pools: [],
      maxCores: 8,
      maxMemoryMiB: 16384,
      maxDiskGiB: 100,
    });
    expect(
      factory({ ...ALLOWED, pools: ['payments'] }).forInstance().allowed?.pools,
    ).toEqual(['payments']);
  });

  it('is undefined when not configured: only admins create there', () => {
    expect(factory().forInstance().allowed).toBeUndefined();
  });

  it('refuses a block with a key missing or templates that are neither names nor VMIDs', () => {
    const { maxCores: _maxCores, ...withoutCores } = ALLOWED;
    expect(() => factory(withoutCores).forInstance()).toThrow(/maxCores/);
    expect(() =>
      factory({ ...ALLOWED, templates: [{ name: 'x' }] }).forInstance(),
    ).toThrow(
      'wombat.proxmox.instances default: allowed.templates must be a list of template names or VMIDs',
    );
  });
});
