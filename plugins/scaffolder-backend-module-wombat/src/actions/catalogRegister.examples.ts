import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** @public */
export const examples: TemplateExample[] = [
  {
    description:
      "Register a new project's Project, from the repository New project created for it",
    example: yaml.stringify({
      steps: [
        {
          id: 'register',
          action: 'wombat:catalog:register',
          name: 'Register in the catalog',
          input: {
            project: 'project:default/${{ parameters.name }}',
            repoContentsUrl: '${{ steps.push.output.repoContentsUrl }}',
          },
        },
      ],
    }),
  },
  {
    description: "Register a Cluster's definition (admins)",
    example: yaml.stringify({
      steps: [
        {
          id: 'register',
          action: 'wombat:catalog:register',
          name: 'Register the cluster',
          input: {
            cluster: 'cluster:default/${{ parameters.name }}',
            repoContentsUrl: '${{ steps.repo.output.repoContentsUrl }}',
            catalogInfoPath: '/catalog-info.yaml',
          },
        },
      ],
    }),
  },
];
