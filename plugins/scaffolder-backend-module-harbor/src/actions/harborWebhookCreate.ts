import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  HarborClientFactory,
  ProjectGuard,
  checkpointKey,
  instanceInput,
  projectInput,
  requireStampedHarborProject,
} from '@wombat/plugin-wombat-node';
import { ensureWebhook } from '../harbor/ensureWebhook';
import { harborProjectName } from '../harbor/harborProjectName';
import { WEBHOOK_EVENT_TYPES } from '../harbor/webhookEvents';
import {
  WebhookTargetAllowList,
  parseWebhookAddress,
} from '../harbor/webhookTargets';
import { examples } from './harborWebhookCreate.examples';

/**
 * Creates a webhook policy on the Wombat project's Harbor project, or
 * adopts a matching one. Addresses outside
 * `wombat.harbor.webhooks.allowedTargets` are for admins only.
 *
 * @public
 */
export function createHarborWebhookCreateAction(options: {
  harbor: HarborClientFactory;
  guard: ProjectGuard;
  allowedTargets: WebhookTargetAllowList;
}) {
  return createTemplateAction({
    id: 'harbor:webhook:create',
    description:
      "Creates a webhook policy on the Wombat project's Harbor project that posts the chosen events to an address, which must be one of wombat.harbor.webhooks.allowedTargets unless a platform admin asks. Idempotent: a policy of the same name with the same address, events and format is adopted.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        project: projectInput,
        instance: instanceInput('wombat.harbor.instances'),
        harborProject: z =>
          z
            .string({
              description:
                "The Wombat project's Harbor project, which is also the default; any other is refused",
            })
            .optional(),
        name: z =>
          z.string({ description: 'Policy name, unique in the project' }),
        description: z =>
          z.string({ description: 'What it is for' }).optional(),
        address: z =>
          z.string({
            description:
              'The http(s) address events are posted to, without credentials (use authHeader); it must start with one of wombat.harbor.webhooks.allowedTargets unless a platform admin asks',
          }),
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
      const { name, address } = ctx.input;
      if (!name.trim()) {
        throw new InputError('name must not be empty');
      }
      const url = parseWebhookAddress(address);
      if (!url) {
        throw new InputError(
          `address "${address}" must be an http or https address`,
        );
      }
      if (url.username || url.password) {
        throw new InputError(
          'address must not carry credentials; send them with authHeader',
        );
      }
      const client = options.harbor.forInstance(ctx.input.instance);
      const scope = await options.guard.authorize({
        taskId: ctx.task.id,
        credentials: await ctx.getInitiatorCredentials(),
        project: ctx.input.project,
        act: 'create',
      });
      if (!scope.requester.isAdmin) {
        if (options.allowedTargets.isEmpty) {
          throw new NotAllowedError(
            'Harbor webhooks are for platform admins only here: wombat.harbor.webhooks.allowedTargets allows no addresses',
          );
        }
        if (!options.allowedTargets.allows(url)) {
          throw new NotAllowedError(
            `address ${url.origin} is not one of the webhook targets wombat.harbor.webhooks.allowedTargets allows; ask a platform admin`,
          );
        }
      }
      const project = harborProjectName(
        scope,
        ctx.input.harborProject,
        'harborProject',
      );
      await requireStampedHarborProject(client, scope, project);
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
        key: checkpointKey('harbor', client.name, project, 'webhook', name),
        fn: () => ensureWebhook(client, project, policy, ctx.logger),
      });
      ctx.output('webhookId', webhook.id);
      ctx.output('created', webhook.created);
    },
  });
}
