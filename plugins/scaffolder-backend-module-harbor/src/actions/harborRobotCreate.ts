import { InputError, NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  GitLabClientFactory,
  HarborClientFactory,
  explainInvalidGitLabVariableKey,
  requireHarborProject,
} from '@wombat/plugin-wombat-node';
import { ensureRobot } from '../harbor/ensureRobot';
import {
  GitLabDelivery,
  deliverRegistryToGitLab,
} from '../harbor/gitlabDelivery';
import { checkHarborName } from './inputErrors';
import { instanceInput } from './instanceInput';
import { examples } from './harborRobotCreate.examples';

function checkDelivery(delivery: GitLabDelivery | undefined): GitLabDelivery {
  if (!delivery) {
    throw new InputError(
      'gitlabVariables is required: a robot secret is shown only once and must be delivered somewhere',
    );
  }
  for (const field of ['usernameKey', 'passwordKey', 'registryKey'] as const) {
    const key = delivery[field];
    if (key === undefined) continue;
    const reason = explainInvalidGitLabVariableKey(key);
    if (reason) {
      throw new InputError(`gitlabVariables.${field} "${key}" ${reason}`);
    }
  }
  const keys = [delivery.usernameKey, delivery.passwordKey];
  if (delivery.registryKey !== undefined) keys.push(delivery.registryKey);
  if (new Set(keys).size !== keys.length) {
    throw new InputError(
      'gitlabVariables.usernameKey, passwordKey and registryKey must differ',
    );
  }
  return delivery;
}

/**
 * Creates a Harbor project robot with pull or push rights and puts its
 * credentials straight into GitLab CI/CD variables. The secret is never an
 * output and never logged.
 *
 * @public
 */
export function createHarborRobotCreateAction(options: {
  harbor: HarborClientFactory;
  gitlab: GitLabClientFactory;
}) {
  return createTemplateAction({
    id: 'harbor:robot:create',
    description:
      'Creates a Harbor project robot account and stores its name and secret as CI/CD variables of a GitLab project (the secret masked). The secret is never an output. Idempotent: an existing robot with the same rights is adopted.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        instance: instanceInput,
        project: z => z.string({ description: 'The Harbor project' }),
        name: z =>
          z.string({
            description:
              'Robot name within the project; Harbor calls it robot$<project>+<name>',
          }),
        description: z =>
          z.string({ description: 'What the robot is for' }).optional(),
        permissions: z =>
          z
            .array(z.enum(['pull', 'push']), {
              description:
                'Repository rights; push implies pull. Default pull.',
            })
            .optional(),
        durationDays: z =>
          z
            .number({
              description: 'Days until the robot expires; -1 (default) never',
            })
            .int()
            .optional(),
        gitlabVariables: z =>
          z
            .object(
              {
                host: z
                  .string({
                    description:
                      'GitLab host in integrations.gitlab; may be left out when only one is configured',
                  })
                  .optional(),
                projectId: z.union([z.number(), z.string()], {
                  description: 'GitLab project id or full path',
                }),
                usernameKey: z.string({
                  description: 'Variable that receives the robot name',
                }),
                passwordKey: z.string({
                  description: 'Variable that receives the secret (masked)',
                }),
                registryKey: z
                  .string({
                    description:
                      "Variable that receives the registry's host, for docker login and image names",
                  })
                  .optional(),
                environmentScope: z
                  .string({ description: 'Environment scope; default *' })
                  .optional(),
                protected: z
                  .boolean({
                    description:
                      'Only for protected branches and tags; default false',
                  })
                  .optional(),
              },
              {
                description:
                  'Where the credentials go: CI/CD variables of a GitLab project',
              },
            )
            .optional(),
      },
      output: {
        registry: z =>
          z.string({
            description:
              "The registry's host, e.g. harbor.example.com, from the instance's url",
          }),
        robotName: z =>
          z.string({
            description: 'The robot as Harbor names it, e.g. robot$payments+ci',
          }),
        created: z =>
          z.boolean({ description: 'Whether this task created the robot' }),
      },
    },
    async handler(ctx) {
      const { project, name } = ctx.input;
      checkHarborName('project', project);
      checkHarborName('name', name);
      const durationDays = ctx.input.durationDays ?? -1;
      if (durationDays === 0 || durationDays < -1) {
        throw new InputError(
          `durationDays ${durationDays} must be a positive number of days, or -1 for never`,
        );
      }
      const delivery = checkDelivery(ctx.input.gitlabVariables);
      const harbor = options.harbor.forInstance(ctx.input.instance);
      const gitlab = options.gitlab.forHost(delivery.host);

      // Both ends must exist before a robot is made whose secret could not
      // be delivered.
      await requireHarborProject(harbor, project);
      try {
        await gitlab.api.Projects.show(delivery.projectId);
      } catch (error) {
        if (error instanceof NotFoundError) {
          throw new InputError(
            `gitlabVariables.projectId ${delivery.projectId}: no such project on ${gitlab.host}`,
          );
        }
        throw error;
      }

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would create or adopt Harbor robot ${name} in ${project} and store its credentials in GitLab project ${delivery.projectId}`,
        );
        ctx.output('registry', harbor.registry);
        ctx.output('robotName', `robot$${project}+${name}`);
        ctx.output('created', false);
        return;
      }

      const robot = await ctx.checkpoint({
        key: ['wombat.harbor', harbor.name, project, 'robot', name].join(':'),
        fn: () =>
          ensureRobot({
            harbor,
            gitlab: options.gitlab,
            project,
            name,
            description: ctx.input.description,
            permissions: ctx.input.permissions ?? ['pull'],
            durationDays,
            delivery,
            logger: ctx.logger,
          }),
      });
      const { registryKey } = delivery;
      if (registryKey) {
        await ctx.checkpoint({
          key: [
            'wombat.gitlab',
            gitlab.host,
            delivery.projectId,
            'variable',
            registryKey,
            delivery.environmentScope ?? '*',
          ].join(':'),
          fn: () =>
            deliverRegistryToGitLab(
              options.gitlab,
              { ...delivery, registryKey },
              harbor.registry,
            ),
        });
      }
      ctx.output('registry', harbor.registry);
      ctx.output('robotName', robot.robotName);
      ctx.output('created', robot.created);
    },
  });
}
