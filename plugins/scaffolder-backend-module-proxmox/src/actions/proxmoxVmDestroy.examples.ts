import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Destroy a VM of a project after the user typed its name in the form (the project's managers)",
    example: yaml.stringify({
      steps: [
        {
          id: 'destroy',
          action: 'proxmox:vm:destroy',
          name: 'Destroy the VM',
          input: {
            project: 'project:default/payments',
            node: 'pve1',
            vmid: 101,
            confirmName: '${{ parameters.confirmName }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'Destroy a production VM, which must be allowed explicitly (platform admins, or managers of a production project)',
    example: yaml.stringify({
      steps: [
        {
          id: 'destroy',
          action: 'proxmox:vm:destroy',
          name: 'Destroy the production VM',
          input: {
            project: 'project:default/payments',
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
