import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Create the Wombat project's private Harbor project (named like the project) with a 10 GiB quota",
    example: yaml.stringify({
      steps: [
        {
          id: 'registry',
          action: 'harbor:project:create',
          name: 'Create the registry project',
          input: { project: 'project:default/payments', storageLimit: '10Gi' },
        },
      ],
    }),
  },
  {
    description:
      'Start a new project with a public Harbor project with a user and an LDAP group as members',
    example: yaml.stringify({
      steps: [
        {
          id: 'registry',
          action: 'harbor:project:create',
          name: 'Create the registry project',
          input: {
            project: 'project:default/web-shop',
            instance: 'default',
            name: 'web-shop',
            public: true,
            members: [
              { username: 'maria', role: 'projectAdmin' },
              { group: 'team-web', role: 'developer' },
            ],
          },
        },
      ],
    }),
  },
  {
    description:
      'Platform admins: onboard a Harbor project that existed before Wombat into the project (it gets the project stamp)',
    example: yaml.stringify({
      steps: [
        {
          id: 'registry',
          action: 'harbor:project:create',
          name: 'Adopt the registry project',
          input: { project: 'project:default/payments', adopt: true },
        },
      ],
    }),
  },
];
