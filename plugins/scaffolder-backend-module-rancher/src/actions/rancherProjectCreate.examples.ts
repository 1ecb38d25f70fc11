import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Create the Rancher project of an existing project on one of its environments' clusters, with a quota and the team as members",
    example: yaml.stringify({
      steps: [
        {
          id: 'rancher-project',
          action: 'rancher:project:create',
          name: 'Create the Rancher project',
          input: {
            project: 'project:default/payments',
            cluster: 'cluster:default/dev-eu',
            description: 'Payments team workloads',
            resourceQuota: { limitsCpu: '8', limitsMemory: '16Gi', pods: '50' },
            namespaceDefaultQuota: {
              limitsCpu: '2',
              limitsMemory: '4Gi',
              pods: '20',
            },
            members: [
              {
                principal:
                  'openldap_group://cn=team-payments,ou=groups,dc=acme,dc=example',
                role: 'project-member',
              },
              { principal: 'local://u-maria', role: 'project-owner' },
            ],
          },
        },
      ],
    }),
  },
  {
    description:
      'Create the Rancher project of a project that is being created (New project), without quotas',
    example: yaml.stringify({
      steps: [
        {
          id: 'rancher-project',
          action: 'rancher:project:create',
          name: 'Create the Rancher project',
          input: {
            project: 'project:default/web-shop',
            cluster: 'cluster:default/dev-eu',
            name: 'web-shop',
          },
        },
      ],
    }),
  },
];
