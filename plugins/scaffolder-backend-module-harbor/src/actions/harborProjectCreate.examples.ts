import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Create a private Harbor project with a 10 GiB quota',
    example: yaml.stringify({
      steps: [
        {
          id: 'registry',
          action: 'harbor:project:create',
          name: 'Create the registry project',
          input: { name: 'payments', storageLimit: '10Gi' },
        },
      ],
    }),
  },
  {
    description:
      'Create a public project on a second Harbor instance with a user and an LDAP group as members',
    example: yaml.stringify({
      steps: [
        {
          id: 'registry',
          action: 'harbor:project:create',
          name: 'Create the registry project',
          input: {
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
];
