import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Notify a deployment service (an address wombat.harbor.webhooks.allowedTargets allows) of every image pushed to the project's Harbor project",
    example: yaml.stringify({
      steps: [
        {
          id: 'webhook',
          action: 'harbor:webhook:create',
          name: 'Tell the deployer about new images',
          input: {
            project: 'project:default/payments',
            name: 'deployer',
            address: 'https://deployer.example.com/hooks/harbor',
            eventTypes: ['PUSH_ARTIFACT'],
          },
        },
      ],
    }),
  },
  {
    description:
      'Send scan results as CloudEvents with an authorization header taken from the task secrets',
    example: yaml.stringify({
      steps: [
        {
          id: 'webhook',
          action: 'harbor:webhook:create',
          name: 'Report scan results',
          input: {
            project: 'project:default/payments',
            instance: 'default',
            harborProject: 'payments',
            name: 'security-scans',
            address: 'https://security.example.com/events',
            eventTypes: ['SCANNING_COMPLETED', 'SCANNING_FAILED'],
            payloadFormat: 'CloudEvents',
            authHeader: '${{ secrets.securityWebhookAuth }}',
          },
        },
      ],
    }),
  },
];
