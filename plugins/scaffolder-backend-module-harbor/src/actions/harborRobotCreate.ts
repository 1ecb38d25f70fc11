import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  GitLabClientFactory,
  HarborClientFactory,
  ProjectGuard,
  RobotTarget,
  adoptInput,
  checkRobotName,
  checkpointKey,
  claimProjectRobot,
  explainInvalidGitLabVariableKey,
  instanceInput,
  projectInput,
  requireAdmin,
  requireStampedHarborProject,
} from '@wombat/plugin-wombat-node';
import { ensureRobot } from '../harbor/ensureRobot';
import {
  GitLabDelivery,
  deliverRegistryToGitLab,
} from '../harbor/gitlabDelivery';
import {
  checkGitLabTargetPath,
  resolveGitLabTarget,
} from '../harbor/gitlabTarget';
import { harborProjectName } from '../harbor/harborProjectName';
import { checkHarborName } from './inputErrors';
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
 * Creates a robot in the Wombat project's Harbor project with pull or push
 * rights and puts its credentials straight into CI/CD variables of one of
 * the project's GitLab projects. The robot is bound to that GitLab project
 * for good. The secret is never an output and never logged.
 *
 * @public
 */
export function createHarborRobotCreateAction(options: {
  harbor: HarborClientFactory;
  gitlab: GitLabClientFactory;
  guard: ProjectGuard;
}) {
  return createTemplateAction({
    id: 'harbor:robot:create',
    description:
      "Creates a robot account in the Wombat project's Harbor project and stores its name and secret as CI/CD variables of one of the project's GitLab projects (the secret masked). The secret is never an output. Idempotent: the robot bound to that GitLab project is used again; a robot of that name delivering anywhere else is refused and never given a new secret.",
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
                "The Wombat project's Harbor project, which is also the default; any other is refused. It must have been made by harbor:project:create for the project.",
            })
            .optional(),
        name: z =>
          z.string({
            description:
              'Robot name within the Harbor project; Harbor calls it robot$<project>+<name>. "wombat" is taken.',
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
                  description:
                    "GitLab project id or full path: a project in the Wombat project's group that carries its stamp",
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
                      'Only for protected branches and tags; default false. Set it for push robots.',
                  })
                  .optional(),
              },
              {
                description:
                  "Where the credentials go: CI/CD variables of one of the project's GitLab projects",
              },
            )
            .optional(),
        adopt: adoptInput,
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
      const { name, adopt } = ctx.input;
      checkHarborName('name', name);
      checkRobotName('name', name);
      const durationDays = ctx.input.durationDays ?? -1;
      if (durationDays === 0 || durationDays < -1) {
        throw new InputError(
          `durationDays ${durationDays} must be a positive number of days, or -1 for never`,
        );
      }
      const delivery = checkDelivery(ctx.input.gitlabVariables);
      const harbor = options.harbor.forInstance(ctx.input.instance);
      const gitlab = options.gitlab.forHost(delivery.host);
      const scope = await options.guard.authorize({
        taskId: ctx.task.id,
        credentials: await ctx.getInitiatorCredentials(),
        project: ctx.input.project,
        act: 'create',
        allowNewProject: true,
      });
      if (adopt) {
        requireAdmin(scope, 'adopt: true');
      }
      const projectName = harborProjectName(
        scope,
        ctx.input.harborProject,
        'harborProject',
      );
      checkGitLabTargetPath(scope, delivery.projectId);

      // The Harbor project and the GitLab project must both be the
      // project's before a robot is made whose secret goes from one to the
      // other.
      const { project_id: projectId } = await requireStampedHarborProject(
        harbor,
        scope,
        projectName,
      );
      const project = { id: projectId, name: projectName };
      const gitlabProject = await resolveGitLabTarget(
        gitlab,
        scope,
        delivery.projectId,
      );
      const target: RobotTarget = {
        kind: 'gitlab',
        host: gitlab.host,
        path: gitlabProject.path,
      };
      // Written by id: the project that was checked, even if renamed since.
      const deliverTo = { ...delivery, projectId: gitlabProject.id };
      const permissions = ctx.input.permissions ?? ['pull'];

      if (ctx.isDryRun) {
        const claim = await claimProjectRobot(harbor, {
          scope,
          project,
          name,
          permissions,
          target,
          adopt,
        });
        ctx.logger.info(
          claim.verdict === 'new'
            ? `Dry run: would create Harbor robot ${name} in ${projectName} and store its credentials in GitLab project ${gitlabProject.path}`
            : `Dry run: would use Harbor robot ${claim.robot.name}, which delivers to GitLab project ${gitlabProject.path}`,
        );
        ctx.output('registry', harbor.registry);
        ctx.output('robotName', `robot$${projectName}+${name}`);
        ctx.output('created', false);
        return;
      }

      const robot = await ctx.checkpoint({
        key: checkpointKey('harbor', harbor.name, projectName, 'robot', name),
        fn: () =>
          ensureRobot({
            harbor,
            gitlab: options.gitlab,
            scope,
            project,
            name,
            description: ctx.input.description,
            permissions,
            durationDays,
            target,
            delivery: deliverTo,
            adopt,
            logger: ctx.logger,
          }),
      });
      const { registryKey } = delivery;
      if (registryKey) {
        await ctx.checkpoint({
          key: checkpointKey(
            'gitlab',
            gitlab.host,
            delivery.projectId,
            'variable',
            registryKey,
            delivery.environmentScope ?? '*',
          ),
          fn: () =>
            deliverRegistryToGitLab(
              options.gitlab,
              { ...deliverTo, registryKey },
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
