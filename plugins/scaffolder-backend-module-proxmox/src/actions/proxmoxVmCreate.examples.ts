import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Clone an allowed template into a medium VM of a project, with DHCP and two SSH keys, and wait for its IP (the project's developers, inside the instance's allow-list)",
    example: yaml.stringify({
      steps: [
        {
          id: 'vm',
          action: 'proxmox:vm:create',
          name: 'Create the VM',
          input: {
            project: 'project:default/payments',
            node: 'pve1',
            template: 'ubuntu-24.04-cloud',
            name: 'payments-db',
            cores: 4,
            memoryMiB: 8192,
            diskGiB: 40,
            network: { bridge: 'vmbr0', vlan: 20 },
            ciUser: 'ops',
            sshKeys: [
              'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAcs7rbRiJmYKirp7WzM4v6LbX4mhxSvAO8ZuZHiZG5+ maria@laptop',
              'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGaCtk/fSFOcIxzm2yfbyc+ZlXXFWhupRS3/3Pze5Lia ci@platform',
            ],
            tags: ['database'],
            protection: true,
            waitForIp: true,
          },
        },
      ],
    }),
  },
  {
    description:
      'Platform admins only: clone template 9000 with a static address and leave it stopped',
    example: yaml.stringify({
      steps: [
        {
          id: 'vm',
          action: 'proxmox:vm:create',
          name: 'Create the VM',
          input: {
            project: 'project:default/payments',
            template: 9000,
            name: 'payments-batch',
            ipConfig: { cidr: '10.0.20.16/24', gateway: '10.0.20.1' },
            start: false,
          },
        },
      ],
    }),
  },
  {
    description:
      "Platform admins only: adopt an existing VM that Wombat did not create into a project, which writes the project's tags",
    example: yaml.stringify({
      steps: [
        {
          id: 'vm',
          action: 'proxmox:vm:create',
          name: 'Adopt the VM',
          input: {
            project: 'project:default/payments',
            template: 'ubuntu-24.04-cloud',
            name: 'legacy-db',
            adopt: true,
          },
        },
      ],
    }),
  },
];
