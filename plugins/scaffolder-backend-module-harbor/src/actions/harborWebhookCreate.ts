import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  HarborClientFactory,
  requireHarborProject,
} from '@wombat/plugin-wombat-node';
import { ensureWebhook } from '../harbor/ensureWebhook';
import { WEBHOOK_EVENT_TYPES } from '../harbor/webhookEvents';
import { checkHarborName } from './inputErrors';
import { instanceInput } from './instanceInput';
import { examples } from './harborWebhookCreate.examples';

/**
 * Creates a webhook policy on a Harbor project, or adopts a matching one.
 *
 * @public
 */
export function createHarborWebhookCreateAction(options: {
  harbor: HarborClientFactory;
}) {
  return createTemplateAction({
    id: 'harbor:webhook:create',
    description:
      'Creates a webhook policy on a Harbor project that posts the chosen events to an address. Idempotent: a policy of the same name with the same address, events and format is adopted.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        instance: instanceInput,
        project: z => z.string({ description: 'The Harbor project' }),
        name: z =>
          z.string({ description: 'Policy name, unique in the project' }),
        description: z =>
          z.string({ description: 'What it is for' }).optional(),
        address: z =>
          z.string({ description: 'The http(s) address events are posted to' }),
        eventTypes: z =>
          z
            .array(z.enum(WEBHOOK_EVENT_TYPES), {
              description: 'Events to send, e.g. PUSH_ARTIFACT',
            })
            .min(1),
        payloadFormat: z =>
          z
            .enum(['Default', 'CloudEvents'], {
              description: 'Default: Default',
            })
            .optional(),
        authHeader: z =>
          z
            .string({
              description:
                'Authorization header value sent with each event; pass it with ${{ secrets.x }}',
            })
            .optional(),
        skipCertVerify: z =>
          z
            .boolean({ description: 'Skip TLS verification; default false' })
            .optional(),
      },
      output: {
        webhookId: z =>
          z.number({
            description: 'Policy id (0 in a dry run of a new policy)',
          }),
        created: z =>
          z.boolean({ description: 'Whether this task created the policy' }),
      },
    },
    async handler(ctx) {
      const { project, name, address } = ctx.input;
      checkHarborName('project', project);
      if (!name.trim()) {
        throw new InputError('name must not be empty');
      }
      let url: URL | undefined;
      try {
        url = new URL(address);
      } catch {
        url = undefined;
      }
      if (!url || !['http:', 'https:'].includes(url.protocol)) {
        throw new InputError(
          `address "${address}" must be an http or https address`,
        );
      }
      const client = options.harbor.forInstance(ctx.input.instance);
      await requireHarborProject(client, project);
      const policy = {
        name,
        description: ctx.input.description,
        enabled: true,
        event_types: [...ctx.input.eventTypes],
        targets: [
          {
            type: 'http' as const,
            address,
            skip_cert_verify: ctx.input.skipCertVerify ?? false,
            payload_format: ctx.input.payloadFormat ?? 'Default',
            ...(ctx.input.authHeader
              ? { auth_header: ctx.input.authHeader }
              : {}),
          },
        ],
      };

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would create or adopt webhook ${name} in Harbor project ${project}, posting ${policy.event_types.join(
            ', ',
          )} to ${url.origin}`,
        );
        ctx.output('webhookId', 0);
        ctx.output('created', false);
        return;
      }
      const webhook = await ctx.checkpoint({
        key: ['wombat.harbor', client.name, project, 'webhook', name].join(':'),
        fn: () => ensureWebhook(client, project, policy, ctx.logger),
      });
      ctx.output('webhookId', webhook.id);
      ctx.output('created', webhook.created);
    },
  });
}
