import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Clone a cloud-init template into a medium VM of a project, owned by its team, with a static address and two SSH keys, and wait for its IP',
    example: yaml.stringify({
      steps: [
        {
          id: 'vm',
          action: 'proxmox:vm:create',
          name: 'Create the VM',
          input: {
            node: 'pve1',
            template: 'ubuntu-24.04-cloud',
            name: 'payments-db',
            project: 'payments',
            owner: 'group:default/team-payments',
            cores: 4,
            memoryMiB: 8192,
            diskGiB: 40,
            network: { bridge: 'vmbr0', vlan: 20 },
            ipConfig: { cidr: '10.0.20.15/24', gateway: '10.0.20.1' },
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
    description: 'Clone template 9000 with DHCP and leave it stopped',
    example: yaml.stringify({
      steps: [
        {
          id: 'vm',
          action: 'proxmox:vm:create',
          name: 'Create the VM',
          input: {
            template: 9000,
            name: 'scratch-1',
            ipConfig: { dhcp: true },
            start: false,
          },
        },
      ],
    }),
  },
];
