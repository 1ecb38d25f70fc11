import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { projectSystemName } from '@wombat/plugin-wombat-common';
import {
  ProjectGuard,
  RANCHER_PROJECT_ROLES,
  RANCHER_QUOTA_KEYS,
  RancherClientFactory,
  adoptInput,
  checkpointKey,
  projectInput,
  requireAdmin,
  requireProjectRole,
} from '@wombat/plugin-wombat-node';
import { clusterInput } from '../rancher/clusterInput';
import { ensureProjectMember, principalField } from '../rancher/projectMembers';
import {
  ensureRancherProject,
  planRancherProject,
} from '../rancher/ensureRancherProject';
import { planProjectQuotas } from '../rancher/projectQuotas';
import { refuseRancherOwnProject } from '../rancher/reservedNames';
import { resolveCluster } from '../rancher/resolveCluster';
import { examples } from './rancherProjectCreate.examples';

/**
 * Creates the Rancher project of a Wombat project on one of its clusters,
 * with quotas and member role bindings, or uses the one stamped for it.
 *
 * @public
 */
export function createRancherProjectCreateAction(options: {
  rancher: RancherClientFactory;
  guard: ProjectGuard;
}) {
  return createTemplateAction({
    id: 'rancher:project:create',
    description:
      "Creates the Rancher project of a Wombat project on one of its clusters, with a resource quota, namespace default quota and member role bindings. The project is stamped with the annotation wombat.dev/project; one that carries the project's stamp and the same quotas is used, any other is refused (platform admins may adopt an unstamped one).",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        project: projectInput,
        cluster: clusterInput,
        name: z =>
          z
            .string({
              description:
                "The Rancher project's name: the Wombat project's system name (its name, or <namespace>.<name> outside the default namespace). Optional; anything else is refused.",
            })
            .optional(),
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
        adopt: adoptInput,
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
      const systemName = projectSystemName(ctx.input.project);
      const name = ctx.input.name?.trim() ?? systemName;
      refuseRancherOwnProject(name, 'name');
      if (name !== systemName) {
        throw new InputError(
          `name "${name}" must be the project's system name ${systemName}, or be left out`,
        );
      }
      if (name.length > 63) {
        throw new InputError(
          `name ${name} is longer than the 63 characters Rancher allows`,
        );
      }
      const quotas = planProjectQuotas(
        ctx.input.resourceQuota,
        ctx.input.namespaceDefaultQuota,
      );
      const members = ctx.input.members ?? [];
      members.forEach((m, index) =>
        principalField(m.principal, `members[${index}].principal`),
      );

      const scope = await options.guard.authorize({
        taskId: ctx.task.id,
        credentials: await ctx.getInitiatorCredentials(),
        project: ctx.input.project,
        act: 'create',
        allowNewProject: true,
      });
      if (ctx.input.adopt) {
        requireAdmin(scope, 'Adopting an existing Rancher project');
      }
      if (members.length > 0) {
        requireProjectRole(scope, 'manager', 'Giving people access');
      }
      const cluster = await resolveCluster({
        cluster: ctx.input.cluster,
        scope,
        readEntity: ref => options.guard.readEntity(ref, ctx.task.id),
      });
      const rancher = options.rancher.forInstance(cluster.instance);
      const request = {
        clusterId: cluster.clusterId,
        clusterLabel: cluster.label,
        name,
        description: ctx.input.description,
        adopt: ctx.input.adopt,
        ...quotas,
      };

      if (ctx.isDryRun) {
        const plan = await planRancherProject(rancher, scope, request);
        ctx.logger.info(
          plan.verdict === 'create'
            ? `Dry run: would create Rancher project ${name} in ${cluster.label} for ${scope.ref}`
            : `Dry run: Rancher project ${name} exists (${
                plan.project.id
              }) and would be ${plan.verdict === 'adopt' ? 'adopted' : 'used'}`,
        );
        ctx.output(
          'projectId',
          plan.verdict === 'create' ? '' : plan.project.id,
        );
        ctx.output('created', false);
        return;
      }

      const key = (...parts: string[]) =>
        checkpointKey(
          'rancher',
          rancher.name,
          cluster.clusterId,
          name,
          ...parts,
        );
      const project = await ctx.checkpoint({
        key: key('project'),
        fn: () => ensureRancherProject(rancher, scope, request, ctx.logger),
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
