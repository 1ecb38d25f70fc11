import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Create the namespace of an existing project's dev environment in its Rancher project, with a quota, default container limits and an image-pull Secret for the project's Harbor project",
    example: yaml.stringify({
      steps: [
        {
          id: 'namespace',
          action: 'rancher:namespace:create',
          name: 'Create the dev namespace',
          input: {
            project: 'project:default/payments',
            cluster: 'cluster:default/dev-eu',
            namespace: 'payments-dev',
            labels: { team: 'payments' },
            resourceQuota: {
              'limits.cpu': '2',
              'limits.memory': '4Gi',
              pods: '20',
            },
            limitRange: {
              default: { cpu: '500m', memory: '512Mi' },
              defaultRequest: { cpu: '100m', memory: '128Mi' },
            },
            imagePullSecret: { robotName: 'payments-dev-pull' },
          },
        },
      ],
    }),
  },
  {
    description:
      'Create a namespace of a project that is being created (New project), in the Rancher project an earlier step made',
    example: yaml.stringify({
      steps: [
        {
          id: 'namespace',
          action: 'rancher:namespace:create',
          name: 'Create the namespace',
          input: {
            project: 'project:default/web-shop',
            cluster: 'cluster:default/dev-eu',
            rancherProject: '${{ steps["rancher-project"].output.projectId }}',
            namespace: 'web-shop-dev',
            environment: 'dev',
          },
        },
      ],
    }),
  },
];
