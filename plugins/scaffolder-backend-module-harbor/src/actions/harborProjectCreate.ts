import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  HARBOR_PROJECT_ROLES,
  HarborClientFactory,
  HarborProjectRole,
  ProjectGuard,
  adoptInput,
  checkpointKey,
  instanceInput,
  projectInput,
  requireAdmin,
  requireProjectRole,
} from '@wombat/plugin-wombat-node';
import {
  ensureHarborMember,
  HarborMemberSpec,
} from '../harbor/ensureHarborMember';
import {
  claimHarborProject,
  ensureHarborProject,
} from '../harbor/ensureHarborProject';
import { harborProjectName } from '../harbor/harborProjectName';
import { parseStorageLimit } from '../harbor/storageLimit';
import { projectUrl } from '../harbor/projectUrl';
import { examples } from './harborProjectCreate.examples';

const roles = Object.keys(HARBOR_PROJECT_ROLES) as [
  HarborProjectRole,
  ...HarborProjectRole[],
];

/**
 * Creates the Wombat project's Harbor project, stamped as its own, with
 * visibility, storage quota and members; or uses it when it is already the
 * project's.
 *
 * @public
 */
export function createHarborProjectCreateAction(options: {
  harbor: HarborClientFactory;
  guard: ProjectGuard;
}) {
  return createTemplateAction({
    id: 'harbor:project:create',
    description:
      "Creates the Wombat project's Harbor project (named like the project) with visibility, storage quota and members, stamped as the project's. Idempotent: the project's own Harbor project is used again; one of another project, or one Wombat did not create, is refused (platform admins may adopt the latter).",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        project: projectInput,
        instance: instanceInput('wombat.harbor.instances'),
        name: z =>
          z
            .string({
              description:
                "The Harbor project's name: the Wombat project's name (<namespace>.<name> outside the default namespace), which is also the default. Any other name is refused.",
            })
            .optional(),
        public: z =>
          z
            .boolean({
              description: 'Anyone may pull without signing in; default false',
            })
            .optional(),
        storageLimit: z =>
          z
            .union([z.string(), z.number()], {
              description:
                'Storage quota: a size such as "10Gi", a number of bytes, or -1 for unlimited. Default: Harbor\'s own default.',
            })
            .optional(),
        members: z =>
          z
            .array(
              z.object({
                username: z.string({ description: 'A Harbor user' }).optional(),
                group: z
                  .string({ description: 'A Harbor (e.g. LDAP) group' })
                  .optional(),
                role: z.enum(roles, {
                  description:
                    'projectAdmin, maintainer, developer, guest or limitedGuest',
                }),
              }),
              { description: 'Users or groups with a role in the project' },
            )
            .optional(),
        adopt: adoptInput,
      },
      output: {
        projectId: z =>
          z.number({
            description: 'Harbor project id (0 in a dry run of a new project)',
          }),
        projectName: z => z.string({ description: 'The project name' }),
        url: z => z.string({ description: "The project in Harbor's web UI" }),
        created: z =>
          z.boolean({ description: 'Whether this task created the project' }),
      },
    },
    async handler(ctx) {
      let storageLimit: number | undefined;
      if (ctx.input.storageLimit !== undefined) {
        try {
          storageLimit = parseStorageLimit(ctx.input.storageLimit);
        } catch (error) {
          throw new InputError(`storageLimit ${(error as Error).message}`);
        }
      }
      const members: HarborMemberSpec[] = (ctx.input.members ?? []).map(
        (m, index) => {
          if (Boolean(m.username) === Boolean(m.group)) {
            throw new InputError(
              `members[${index}] must name either a username or a group`,
            );
          }
          return m.username
            ? { username: m.username, role: m.role }
            : { group: m.group!, role: m.role };
        },
      );
      const client = options.harbor.forInstance(ctx.input.instance);
      const scope = await options.guard.authorize({
        taskId: ctx.task.id,
        credentials: await ctx.getInitiatorCredentials(),
        project: ctx.input.project,
        act: 'create',
        allowNewProject: true,
      });
      const { adopt } = ctx.input;
      if (adopt) {
        requireAdmin(scope, 'adopt: true');
      }
      if (members.length > 0) {
        requireProjectRole(scope, 'manager', 'Giving people access');
      }
      const name = harborProjectName(scope, ctx.input.name, 'name');
      const request = {
        name,
        public: ctx.input.public ?? false,
        storageLimit,
      };

      if (ctx.isDryRun) {
        const existing = (await client.projectExists(name))
          ? await client.getProject(name)
          : undefined;
        if (existing) {
          const verdict = await claimHarborProject(client, existing, request, {
            scope,
            adopt,
            existedBefore: true,
          });
          ctx.logger.info(
            verdict === 'adopt'
              ? `Dry run: would adopt and stamp Harbor project ${name} for ${scope.ref}`
              : `Dry run: Harbor project ${name} is ${scope.ref}'s; would check its members`,
          );
        } else {
          ctx.logger.info(
            `Dry run: would create Harbor project ${name} for ${scope.ref} on ${client.name}`,
          );
        }
        ctx.output('projectId', existing?.project_id ?? 0);
        ctx.output('projectName', name);
        ctx.output('url', projectUrl(client, existing?.project_id ?? 0));
        ctx.output('created', false);
        return;
      }

      const key = (...parts: string[]) =>
        checkpointKey('harbor', client.name, name, ...parts);
      // Recorded before anything is created, so that a retried or recovered
      // task knows an unstamped project it finds is the one it made.
      const { existedBefore } = await ctx.checkpoint({
        key: key('existed-before'),
        fn: async () => ({ existedBefore: await client.projectExists(name) }),
      });
      const project = await ctx.checkpoint({
        key: key('project'),
        fn: () =>
          ensureHarborProject(
            client,
            request,
            { scope, adopt, existedBefore },
            ctx.logger,
          ),
      });
      for (const member of members) {
        const memberName =
          'username' in member ? member.username : member.group;
        await ctx.checkpoint({
          key: key(
            'member',
            'username' in member ? 'user' : 'group',
            memberName,
          ),
          fn: () => ensureHarborMember(client, name, member, ctx.logger),
        });
      }
      ctx.output('projectId', project.id);
      ctx.output('projectName', name);
      ctx.output('url', projectUrl(client, project.id));
      ctx.output('created', project.created);
    },
  });
}
