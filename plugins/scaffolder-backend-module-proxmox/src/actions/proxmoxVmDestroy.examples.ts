import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Destroy a VM of a project after the user typed its name in the form',
    example: yaml.stringify({
      steps: [
        {
          id: 'destroy',
          action: 'proxmox:vm:destroy',
          name: 'Destroy the VM',
          input: {
            node: 'pve1',
            vmid: 101,
            project: 'payments',
            confirmName: '${{ parameters.confirmName }}',
          },
        },
      ],
    }),
  },
  {
    description: 'Destroy a production VM, which must be allowed explicitly',
    example: yaml.stringify({
      steps: [
        {
          id: 'destroy',
          action: 'proxmox:vm:destroy',
          name: 'Destroy the production VM',
          input: {
            instance: 'default',
            vmid: 102,
            confirmName: 'legacy-db',
            allowProduction: true,
          },
        },
      ],
    }),
  },
];
