import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  HARBOR_PROJECT_ROLES,
  HarborClientFactory,
  HarborProjectRole,
} from '@wombat/plugin-wombat-node';
import {
  ensureHarborMember,
  HarborMemberSpec,
} from '../harbor/ensureHarborMember';
import { ensureHarborProject } from '../harbor/ensureHarborProject';
import { parseStorageLimit } from '../harbor/storageLimit';
import { projectUrl } from '../harbor/projectUrl';
import { checkHarborName } from './inputErrors';
import { instanceInput } from './instanceInput';
import { examples } from './harborProjectCreate.examples';

const roles = Object.keys(HARBOR_PROJECT_ROLES) as [
  HarborProjectRole,
  ...HarborProjectRole[],
];

/**
 * Creates a Harbor project with its visibility, storage quota and members,
 * or adopts a matching one.
 *
 * @public
 */
export function createHarborProjectCreateAction(options: {
  harbor: HarborClientFactory;
}) {
  return createTemplateAction({
    id: 'harbor:project:create',
    description:
      'Creates a Harbor project with visibility, storage quota and members. Idempotent: an existing project with the same visibility is adopted.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        instance: instanceInput,
        name: z =>
          z.string({
            description:
              'Project name: lowercase letters and digits, separated by single ".", "_" or "-"',
          }),
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
      const { name } = ctx.input;
      checkHarborName('name', name);
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
      const isPublic = ctx.input.public ?? false;

      if (ctx.isDryRun) {
        const exists = await client.projectExists(name);
        const existing = exists ? await client.getProject(name) : undefined;
        ctx.logger.info(
          existing
            ? `Dry run: Harbor project ${name} exists and would be checked and adopted`
            : `Dry run: would create Harbor project ${name} on ${client.name}`,
        );
        ctx.output('projectId', existing?.project_id ?? 0);
        ctx.output('projectName', name);
        ctx.output('url', projectUrl(client, existing?.project_id ?? 0));
        ctx.output('created', false);
        return;
      }

      const key = (...parts: string[]) =>
        ['wombat.harbor', client.name, name, ...parts].join(':');
      const project = await ctx.checkpoint({
        key: key('project'),
        fn: () =>
          ensureHarborProject(
            client,
            { name, public: isPublic, storageLimit },
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
