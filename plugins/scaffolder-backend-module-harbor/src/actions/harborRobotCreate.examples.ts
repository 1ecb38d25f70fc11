import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Create a CI robot in the project's Harbor project that may push and pull, and store its credentials as protected CI/CD variables of the project's GitLab project created in an earlier step",
    example: yaml.stringify({
      steps: [
        {
          id: 'ci-robot',
          action: 'harbor:robot:create',
          name: 'Create the CI robot',
          input: {
            project: 'project:default/payments',
            name: 'ci',
            description: 'Pushes the images GitLab CI builds',
            permissions: ['pull', 'push'],
            gitlabVariables: {
              projectId: '${{ steps.repo.output.projectPath }}',
              usernameKey: 'HARBOR_USERNAME',
              passwordKey: 'HARBOR_PASSWORD',
              registryKey: 'HARBOR_REGISTRY',
              protected: true,
            },
          },
        },
      ],
    }),
  },
  {
    description:
      'Create a pull-only robot that expires after 90 days, for the production environment scope of a GitLab project in a subgroup of the project',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy-robot',
          action: 'harbor:robot:create',
          name: 'Create the deploy robot',
          input: {
            project: 'project:default/payments',
            instance: 'default',
            harborProject: 'payments',
            name: 'deploy',
            description: 'Pulls images for deployments',
            durationDays: 90,
            gitlabVariables: {
              host: 'gitlab.example.com',
              projectId: 'payments/backoffice/payments-admin',
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
