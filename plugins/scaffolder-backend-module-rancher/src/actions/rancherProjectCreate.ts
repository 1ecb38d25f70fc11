import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  RANCHER_PROJECT_ROLES,
  RANCHER_QUOTA_KEYS,
  RancherClientFactory,
} from '@wombat/plugin-wombat-node';
import { clusterInputs } from '../rancher/clusterInputs';
import { ensureProjectMember, principalField } from '../rancher/projectMembers';
import { ensureRancherProject } from '../rancher/ensureRancherProject';
import { planProjectQuotas } from '../rancher/projectQuotas';
import { resolveCluster } from '../rancher/resolveCluster';
import { examples } from './rancherProjectCreate.examples';

/**
 * Creates a Rancher project in a cluster with quotas and member role
 * bindings, or adopts a matching one.
 *
 * @public
 */
export function createRancherProjectCreateAction(options: {
  rancher: RancherClientFactory;
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: 'rancher:project:create',
    description:
      'Creates a Rancher project in a cluster with a resource quota, namespace default quota and member role bindings. Idempotent: a project of that name with the same quotas is adopted.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        ...clusterInputs,
        name: z =>
          z.string({ description: 'Project name (display name in Rancher)' }),
        description: z =>
          z.string({ description: 'Project description' }).optional(),
        resourceQuota: z =>
          z
            .record(
              z.enum(RANCHER_QUOTA_KEYS),
              z.union([z.string(), z.number()]),
              {
                description:
                  'Project limits, e.g. { limitsCpu: "8", limitsMemory: "16Gi", pods: "50" }; needs namespaceDefaultQuota',
              },
            )
            .optional(),
        namespaceDefaultQuota: z =>
          z
            .record(
              z.enum(RANCHER_QUOTA_KEYS),
              z.union([z.string(), z.number()]),
              {
                description:
                  'Limits every namespace of the project gets by default: the same resources, each at most the project limit',
              },
            )
            .optional(),
        members: z =>
          z
            .array(
              z.object({
                principal: z.string({
                  description:
                    'Rancher principal id, e.g. local://u-abc12 or openldap_group://cn=team,ou=groups,dc=example',
                }),
                role: z.enum(RANCHER_PROJECT_ROLES, {
                  description: 'project-owner, project-member or read-only',
                }),
              }),
              { description: 'Users and groups with a role in the project' },
            )
            .optional(),
      },
      output: {
        projectId: z =>
          z.string({
            description:
              'Rancher project id, c-xxxxx:p-yyyyy (empty in a dry run of a new project)',
          }),
        created: z =>
          z.boolean({ description: 'Whether this task created the project' }),
      },
    },
    async handler(ctx) {
      const name = ctx.input.name.trim();
      if (!name || name.length > 63) {
        throw new InputError('name must be 1 to 63 characters long');
      }
      const quotas = planProjectQuotas(
        ctx.input.resourceQuota,
        ctx.input.namespaceDefaultQuota,
      );
      const members = ctx.input.members ?? [];
      members.forEach((m, index) =>
        principalField(m.principal, `members[${index}].principal`),
      );
      const cluster = await resolveCluster(
        ctx.input,
        options.catalog,
        await ctx.getInitiatorCredentials(),
      );
      const rancher = options.rancher.forInstance(cluster.instance);

      if (ctx.isDryRun) {
        const [existing] = await rancher.listProjects(cluster.clusterId, name);
        ctx.logger.info(
          existing
            ? `Dry run: Rancher project ${name} exists (${existing.id}) and would be checked and adopted`
            : `Dry run: would create Rancher project ${name} in ${cluster.label}`,
        );
        ctx.output('projectId', existing?.id ?? '');
        ctx.output('created', false);
        return;
      }

      const key = (...parts: string[]) =>
        [
          'wombat.rancher',
          rancher.name,
          cluster.clusterId,
          name,
          ...parts,
        ].join(':');
      const project = await ctx.checkpoint({
        key: key('project'),
        fn: () =>
          ensureRancherProject(
            rancher,
            {
              clusterId: cluster.clusterId,
              name,
              description: ctx.input.description,
              ...quotas,
            },
            ctx.logger,
          ),
      });
      for (const member of members) {
        await ctx.checkpoint({
          key: key('member', member.principal, member.role),
          fn: () =>
            ensureProjectMember(rancher, project.projectId, member, ctx.logger),
        });
      }
      ctx.output('projectId', project.projectId);
      ctx.output('created', project.created);
    },
  });
}
