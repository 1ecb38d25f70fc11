import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Create a project on the cluster a Cluster entity names, with a quota and the team as members',
    example: yaml.stringify({
      steps: [
        {
          id: 'rancher-project',
          action: 'rancher:project:create',
          name: 'Create the Rancher project',
          input: {
            cluster: 'cluster:default/dev-eu',
            name: 'payments',
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
      'Create a project without quotas on a cluster named by its Rancher id',
    example: yaml.stringify({
      steps: [
        {
          id: 'rancher-project',
          action: 'rancher:project:create',
          name: 'Create the Rancher project',
          input: {
            instance: 'default',
            clusterId: 'c-m-abc12',
            name: 'web-shop',
          },
        },
      ],
    }),
  },
];
