import { InputError, NotAllowedError } from '@backstage/errors';
import type { z as zod } from 'zod/v3';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  explainInvalidDnsLabel,
  projectSystemName,
} from '@wombat/plugin-wombat-common';
import {
  HARBOR_STAMP_ROBOT,
  HarborClientFactory,
  ProjectGuard,
  ProjectScope,
  RancherClientFactory,
  adoptInput,
  checkpointKey,
  explainInvalidHarborName,
  projectInput,
  requireAdmin,
} from '@wombat/plugin-wombat-node';
import { clusterInput } from '../rancher/clusterInput';
import {
  checkExistingNamespace,
  ensureNamespace,
} from '../rancher/ensureNamespace';
import {
  PullTarget,
  ensurePullSecret,
  findPullRobot,
  requireOwnHarborProject,
} from '../rancher/ensurePullSecret';
import { findOwnProject, isRancherProjectId } from '../rancher/findProject';
import { checkCallerLabels, isLabelValue } from '../rancher/namespaceLabels';
import {
  checkQuantities,
  ensureLimitRange,
  ensureResourceQuota,
} from '../rancher/namespacePolicies';
import { refuseRancherOwnProject } from '../rancher/reservedNames';
import { RancherCluster, resolveCluster } from '../rancher/resolveCluster';
import { PROJECT_STAMP_KEY } from '../rancher/stamps';
import { examples } from './rancherNamespaceCreate.examples';

const quantities = (description: string) => (z: typeof zod) =>
  z
    .object(
      {
        cpu: z.string({ description: 'e.g. 500m or 2' }).optional(),
        memory: z.string({ description: 'e.g. 512Mi or 2Gi' }).optional(),
      },
      { description },
    )
    .optional();

/**
 * The environment a namespace serves. For an existing project the
 * namespace must be the namespace of one of its environments on the
 * cluster; a new project has none yet, so the caller may name one.
 */
function environmentOf(
  scope: ProjectScope,
  cluster: RancherCluster,
  namespace: string,
  requested: string | undefined,
): string | undefined {
  if (!scope.entity) {
    return requested;
  }
  const matches = cluster.environments.filter(e => e.namespace === namespace);
  if (matches.length === 0) {
    throw new NotAllowedError(
      `Namespace ${namespace} on ${
        cluster.ref
      } is not the namespace of an environment of ${
        scope.ref
      }; its environments there use ${cluster.environments
        .map(e => `${e.namespace} (${e.name})`)
        .join(', ')}`,
    );
  }
  if (requested !== undefined) {
    if (!matches.some(e => e.name === requested)) {
      throw new InputError(
        `environment ${requested} is not the environment of ${
          scope.ref
        } that uses namespace ${namespace} on ${cluster.ref}; that is ${matches
          .map(e => e.name)
          .join(', ')}`,
      );
    }
    return requested;
  }
  if (matches.length > 1) {
    throw new InputError(
      `Namespace ${namespace} on ${
        cluster.ref
      } serves several environments of ${scope.ref} (${matches
        .map(e => e.name)
        .join(', ')}); name one with environment`,
    );
  }
  return matches[0].name;
}

/**
 * Creates a namespace of a Wombat project in its Rancher project, with a
 * quota, container limits and an image-pull Secret for the project's Harbor
 * project, or uses the one stamped for it.
 *
 * @public
 */
export function createRancherNamespaceCreateAction(options: {
  rancher: RancherClientFactory;
  harbor: HarborClientFactory;
  guard: ProjectGuard;
}) {
  return createTemplateAction({
    id: 'rancher:namespace:create',
    description:
      "Creates a namespace of a Wombat project in the project's Rancher project, with a ResourceQuota, a LimitRange and an image-pull Secret holding a pull-only robot of the project's Harbor project (its secret never leaves the backend). The namespace is stamped with the annotation and label wombat.dev/project; one that carries the project's stamp is used, any other is refused (platform admins may adopt an unstamped one).",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        project: projectInput,
        cluster: clusterInput,
        rancherProject: z =>
          z
            .string({
              description:
                "The Rancher project, by id (c-xxxxx:p-yyyyy) or name; default the Wombat project's own (named like its system name). It must carry the project's stamp.",
            })
            .optional(),
        namespace: z =>
          z.string({
            description:
              'Namespace name, a DNS-1123 label; for an existing project the namespace of one of its environments on the cluster',
          }),
        environment: z =>
          z
            .string({
              description:
                "The environment the namespace serves, for the label wombat.dev/environment; default the project's environment with this namespace on the cluster. Needed only for a project that is being created.",
            })
            .optional(),
        labels: z =>
          z
            .record(z.string(), z.string(), {
              description:
                'Namespace labels; keys under wombat.dev/, pod-security.kubernetes.io/, *.cattle.io/, kubernetes.io/ and k8s.io/ are refused',
            })
            .optional(),
        resourceQuota: z =>
          z
            .record(z.string(), z.union([z.string(), z.number()]), {
              description:
                'ResourceQuota "hard" limits, e.g. { "limits.cpu": "2", "limits.memory": "4Gi", pods: "20" }',
            })
            .optional(),
        limitRange: z =>
          z
            .object(
              {
                default: quantities('Default container limits')(z),
                defaultRequest: quantities('Default container requests')(z),
                max: quantities('Largest container limits')(z),
              },
              { description: 'A LimitRange for containers' },
            )
            .optional(),
        imagePullSecret: z =>
          z
            .object(
              {
                harborInstance: z
                  .string({
                    description:
                      'wombat.harbor.instances name; default "default"',
                  })
                  .optional(),
                harborProject: z
                  .string({
                    description:
                      "The Harbor project to pull from: the Wombat project's own (its system name), the default; anything else is refused",
                  })
                  .optional(),
                robotName: z.string({
                  description:
                    'The pull-only robot for this Secret; an existing one is used only when Wombat made it for this project and this Secret',
                }),
                secretName: z
                  .string({
                    description: 'Name of the Secret; default harbor-pull',
                  })
                  .optional(),
              },
              {
                description:
                  'Create a Harbor robot and store it as a kubernetes.io/dockerconfigjson Secret in the namespace',
              },
            )
            .optional(),
        adopt: adoptInput,
      },
      output: {
        namespace: z => z.string({ description: 'The namespace' }),
        projectId: z => z.string({ description: 'The Rancher project id' }),
        created: z =>
          z.boolean({ description: 'Whether this task created the namespace' }),
      },
    },
    async handler(ctx) {
      const systemName = projectSystemName(ctx.input.project);
      const { namespace, environment: requestedEnvironment } = ctx.input;
      const reason = explainInvalidDnsLabel(namespace);
      if (reason) {
        throw new InputError(`namespace "${namespace}" ${reason}`);
      }
      if (!isLabelValue(systemName)) {
        throw new InputError(
          `The project's system name ${systemName} is too long for the label ${PROJECT_STAMP_KEY} (at most 63 characters)`,
        );
      }
      if (
        requestedEnvironment !== undefined &&
        (!requestedEnvironment || !isLabelValue(requestedEnvironment))
      ) {
        throw new InputError(
          `environment "${requestedEnvironment}" is not a valid label value`,
        );
      }
      const rancherProjectName = ctx.input.rancherProject?.trim() ?? systemName;
      if (!isRancherProjectId(rancherProjectName)) {
        refuseRancherOwnProject(rancherProjectName, 'rancherProject');
      }
      const labels = ctx.input.labels ?? {};
      checkCallerLabels(labels);
      const hard = checkQuantities('resourceQuota', ctx.input.resourceQuota);
      const limitRange = ctx.input.limitRange;
      if (limitRange) {
        for (const part of ['default', 'defaultRequest', 'max'] as const) {
          checkQuantities(`limitRange.${part}`, limitRange[part]);
        }
      }
      const pull = ctx.input.imagePullSecret;
      const secretName = pull?.secretName ?? 'harbor-pull';
      const harborProjectName = pull?.harborProject ?? systemName;
      if (pull) {
        for (const [field, value] of [
          ['imagePullSecret.harborProject', harborProjectName],
          ['imagePullSecret.robotName', pull.robotName],
        ]) {
          const problem = explainInvalidHarborName(value);
          if (problem) throw new InputError(`${field} "${value}" ${problem}`);
        }
        if (harborProjectName !== systemName) {
          throw new InputError(
            `imagePullSecret.harborProject "${harborProjectName}" must be the project's own Harbor project ${systemName}, or be left out`,
          );
        }
        if (pull.robotName === HARBOR_STAMP_ROBOT) {
          throw new InputError(
            `imagePullSecret.robotName "${HARBOR_STAMP_ROBOT}" is the robot that marks a Harbor project as Wombat's; choose another name`,
          );
        }
        if (explainInvalidDnsLabel(secretName)) {
          throw new InputError(
            `imagePullSecret.secretName "${secretName}" must be a DNS-1123 label`,
          );
        }
      }

      const scope = await options.guard.authorize({
        taskId: ctx.task.id,
        credentials: await ctx.getInitiatorCredentials(),
        project: ctx.input.project,
        act: 'create',
        allowNewProject: true,
      });
      if (ctx.input.adopt) {
        requireAdmin(scope, 'Adopting an existing namespace');
      }
      const harbor = pull
        ? options.harbor.forInstance(pull.harborInstance)
        : undefined;
      const cluster = await resolveCluster({
        cluster: ctx.input.cluster,
        scope,
        readEntity: ref => options.guard.readEntity(ref, ctx.task.id),
      });
      const environment = environmentOf(
        scope,
        cluster,
        namespace,
        requestedEnvironment,
      );
      const rancher = options.rancher.forInstance(cluster.instance);
      const project = await findOwnProject(
        rancher,
        scope,
        cluster,
        rancherProjectName,
      );
      const kubernetes = rancher.kubernetes(cluster.clusterId);
      const request = {
        namespace,
        projectId: project.id,
        labels,
        environment,
        adopt: ctx.input.adopt,
      };
      // Everything that decides whether the step may run is read before
      // anything is written, so a refused step leaves no trace.
      const existing = await kubernetes.readNamespace(namespace);
      const verdict = existing
        ? checkExistingNamespace(scope, existing, request)
        : 'create';
      const target: PullTarget = {
        kind: 'namespace',
        cluster: cluster.ref,
        namespace,
        secret: secretName,
      };
      const harborProject =
        harbor && pull
          ? await requireOwnHarborProject(harbor, scope, harborProjectName)
          : undefined;
      if (harbor && pull && harborProject) {
        await findPullRobot(
          harbor,
          scope,
          harborProject,
          pull.robotName,
          target,
        );
      }

      if (ctx.isDryRun) {
        ctx.logger.info(
          verdict === 'create'
            ? `Dry run: would create namespace ${namespace} in ${project.id} on ${cluster.label} for ${scope.ref}`
            : `Dry run: namespace ${namespace} exists and would be ${
                verdict === 'adopt' ? 'adopted' : 'used'
              }`,
        );
        ctx.output('namespace', namespace);
        ctx.output('projectId', project.id);
        ctx.output('created', false);
        return;
      }

      const key = (...parts: string[]) =>
        checkpointKey(
          'rancher',
          rancher.name,
          cluster.clusterId,
          'namespace',
          namespace,
          ...parts,
        );
      const stampAnnotations = { [PROJECT_STAMP_KEY]: scope.ref };
      const result = await ctx.checkpoint({
        key: key(),
        fn: () => ensureNamespace(kubernetes, scope, request, ctx.logger),
      });
      if (hard) {
        await ctx.checkpoint({
          key: key('quota'),
          fn: () =>
            ensureResourceQuota(
              kubernetes,
              namespace,
              hard,
              stampAnnotations,
              ctx.logger,
            ),
        });
      }
      if (limitRange) {
        await ctx.checkpoint({
          key: key('limits'),
          fn: () =>
            ensureLimitRange(
              kubernetes,
              namespace,
              limitRange,
              stampAnnotations,
              ctx.logger,
            ),
        });
      }
      if (pull && harbor && harborProject) {
        await ctx.checkpoint({
          key: key('pull-secret', secretName),
          fn: () =>
            ensurePullSecret({
              kubernetes,
              harbor,
              scope,
              project: harborProject,
              robotName: pull.robotName,
              target,
              logger: ctx.logger,
            }),
        });
      }
      ctx.output('namespace', namespace);
      ctx.output('projectId', project.id);
      ctx.output('created', result.created);
    },
  });
}
