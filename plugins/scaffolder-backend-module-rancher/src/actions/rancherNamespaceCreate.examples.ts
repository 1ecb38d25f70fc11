import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Create a namespace in the project created in an earlier step, with a quota, default container limits and an image-pull Secret for the Harbor project',
    example: yaml.stringify({
      steps: [
        {
          id: 'namespace',
          action: 'rancher:namespace:create',
          name: 'Create the dev namespace',
          input: {
            cluster: 'cluster:default/dev-eu',
            project: '${{ steps["rancher-project"].output.projectId }}',
            namespace: 'payments-dev',
            labels: { 'wombat.dev/project': 'payments', environment: 'dev' },
            resourceQuota: {
              'limits.cpu': '2',
              'limits.memory': '4Gi',
              pods: '20',
            },
            limitRange: {
              default: { cpu: '500m', memory: '512Mi' },
              defaultRequest: { cpu: '100m', memory: '128Mi' },
            },
            imagePullSecret: {
              harborProject: 'payments',
              robotName: 'payments-dev-pull',
            },
          },
        },
      ],
    }),
  },
  {
    description: 'Create a plain namespace in a project named by its name',
    example: yaml.stringify({
      steps: [
        {
          id: 'namespace',
          action: 'rancher:namespace:create',
          name: 'Create the namespace',
          input: {
            instance: 'default',
            clusterId: 'c-m-abc12',
            project: 'web-shop',
            namespace: 'web-shop-dev',
          },
        },
      ],
    }),
  },
];
