import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Create a CI robot that may push and pull, and store its credentials as CI/CD variables of the GitLab project created in an earlier step',
    example: yaml.stringify({
      steps: [
        {
          id: 'ci-robot',
          action: 'harbor:robot:create',
          name: 'Create the CI robot',
          input: {
            project: 'payments',
            name: 'ci',
            permissions: ['pull', 'push'],
            gitlabVariables: {
              projectId: '${{ steps.repo.output.projectId }}',
              usernameKey: 'HARBOR_USERNAME',
              passwordKey: 'HARBOR_PASSWORD',
              registryKey: 'HARBOR_REGISTRY',
            },
          },
        },
      ],
    }),
  },
  {
    description:
      'Create a pull-only robot that expires after 90 days, for the production environment scope only',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy-robot',
          action: 'harbor:robot:create',
          name: 'Create the deploy robot',
          input: {
            instance: 'default',
            project: 'payments',
            name: 'deploy',
            description: 'Pulls images for deployments',
            durationDays: 90,
            gitlabVariables: {
              host: 'gitlab.example.com',
              projectId: 'platform/payments/payments-api',
              usernameKey: 'REGISTRY_USER',
              passwordKey: 'REGISTRY_PASSWORD',
              environmentScope: 'production',
              protected: true,
            },
          },
        },
      ],
    }),
  },
];
