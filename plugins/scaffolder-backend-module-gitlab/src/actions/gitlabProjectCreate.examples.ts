import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Create a private project in a subgroup of the Wombat project's GitLab group and push the skeleton as its first commit",
    example: yaml.stringify({
      steps: [
        {
          id: 'repo',
          action: 'gitlab:project:create',
          name: 'Create the repository',
          input: {
            project: 'project:default/payments',
            repoUrl:
              'gitlab.example.com?owner=payments/backend&repo=payments-api',
            description: 'Takes and settles payments',
            sourcePath: '.',
            topics: ['payments', 'wombat'],
          },
        },
      ],
    }),
  },
  {
    description:
      'Create an internal project with members, a read-only deploy key, a protected default branch and CI/CD variables',
    example: yaml.stringify({
      steps: [
        {
          id: 'repo',
          action: 'gitlab:project:create',
          name: 'Create the repository',
          input: {
            project: 'project:default/web-shop',
            repoUrl: 'gitlab.example.com?owner=web-shop&repo=storefront',
            visibility: 'internal',
            defaultBranch: 'main',
            members: [
              { username: 'maria', accessLevel: 'maintainer' },
              { username: 'jdoe', accessLevel: 'developer' },
            ],
            deployKeys: [
              {
                title: 'argo-cd',
                key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAcs7rbRiJmYKirp7WzM4v6LbX4mhxSvAO8ZuZHiZG5+ argo-cd@platform',
                canPush: false,
              },
            ],
            protectedBranches: [
              {
                name: 'main',
                pushAccessLevel: 'noAccess',
                mergeAccessLevel: 'maintainer',
                allowForcePush: false,
              },
            ],
            variables: [
              { key: 'DEPLOY_ENV', value: 'dev' },
              {
                key: 'SONAR_TOKEN',
                value: '${{ secrets.sonarToken }}',
                masked: true,
                protected: true,
              },
            ],
          },
        },
      ],
    }),
  },
  {
    description:
      'Platform admins: onboard an existing repository that Wombat did not create into a project (its group and the project get the stamp)',
    example: yaml.stringify({
      steps: [
        {
          id: 'repo',
          action: 'gitlab:project:create',
          name: 'Adopt the repository',
          input: {
            project: 'project:default/payments',
            repoUrl: 'gitlab.example.com?owner=payments&repo=legacy-billing',
            adopt: true,
          },
        },
      ],
    }),
  },
];
