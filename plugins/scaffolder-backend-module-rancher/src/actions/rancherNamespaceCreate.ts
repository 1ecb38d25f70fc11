import { InputError } from '@backstage/errors';
import type { z as zod } from 'zod/v3';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { explainInvalidDnsLabel } from '@wombat/plugin-wombat-common';
import {
  HarborClientFactory,
  RancherClientFactory,
  explainInvalidHarborName,
} from '@wombat/plugin-wombat-node';
import { clusterInputs } from '../rancher/clusterInputs';
import { ensureNamespace } from '../rancher/ensureNamespace';
import { ensurePullSecret } from '../rancher/ensurePullSecret';
import { findProject } from '../rancher/findProject';
import {
  checkQuantities,
  ensureLimitRange,
  ensureResourceQuota,
} from '../rancher/namespacePolicies';
import { resolveCluster } from '../rancher/resolveCluster';
import { examples } from './rancherNamespaceCreate.examples';

const LABEL_NAME =
  /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(|[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;

function checkLabels(labels: Record<string, string>) {
  for (const [key, value] of Object.entries(labels)) {
    if (!LABEL_NAME.test(key)) {
      throw new InputError(
        `labels: "${key}" is not a valid Kubernetes label name`,
      );
    }
    if (!LABEL_VALUE.test(value)) {
      throw new InputError(
        `labels.${key}: "${value}" is not a valid label value (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)`,
      );
    }
  }
}

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
 * Creates a namespace in a Rancher project with a quota, container limits
 * and an image-pull Secret for Harbor, or adopts a matching one.
 *
 * @public
 */
export function createRancherNamespaceCreateAction(options: {
  rancher: RancherClientFactory;
  harbor: HarborClientFactory;
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: 'rancher:namespace:create',
    description:
      'Creates a namespace in a Rancher project, with a ResourceQuota, a LimitRange and an image-pull Secret holding a pull-only Harbor robot (its secret never leaves the backend). Idempotent: a namespace already in that project is adopted.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        ...clusterInputs,
        project: z =>
          z.string({
            description:
              'The Rancher project: its id (c-xxxxx:p-yyyyy) or its name',
          }),
        namespace: z =>
          z.string({ description: 'Namespace name, a DNS-1123 label' }),
        labels: z =>
          z
            .record(z.string(), z.string(), { description: 'Namespace labels' })
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
                harborProject: z.string({
                  description: 'The Harbor project to pull from',
                }),
                robotName: z.string({
                  description: 'The pull-only robot to create in that project',
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
      },
      output: {
        namespace: z => z.string({ description: 'The namespace' }),
        projectId: z => z.string({ description: 'The Rancher project id' }),
        created: z =>
          z.boolean({ description: 'Whether this task created the namespace' }),
      },
    },
    async handler(ctx) {
      const { namespace } = ctx.input;
      const reason = explainInvalidDnsLabel(namespace);
      if (reason) {
        throw new InputError(`namespace "${namespace}" ${reason}`);
      }
      const labels = ctx.input.labels ?? {};
      checkLabels(labels);
      const hard = checkQuantities('resourceQuota', ctx.input.resourceQuota);
      const limitRange = ctx.input.limitRange;
      if (limitRange) {
        for (const part of ['default', 'defaultRequest', 'max'] as const) {
          checkQuantities(`limitRange.${part}`, limitRange[part]);
        }
      }
      const pull = ctx.input.imagePullSecret;
      const secretName = pull?.secretName ?? 'harbor-pull';
      if (pull) {
        for (const [field, value] of [
          ['imagePullSecret.harborProject', pull.harborProject],
          ['imagePullSecret.robotName', pull.robotName],
        ]) {
          const problem = explainInvalidHarborName(value);
          if (problem) throw new InputError(`${field} "${value}" ${problem}`);
        }
        if (explainInvalidDnsLabel(secretName)) {
          throw new InputError(
            `imagePullSecret.secretName "${secretName}" must be a DNS-1123 label`,
          );
        }
      }
      const harbor = pull
        ? options.harbor.forInstance(pull.harborInstance)
        : undefined;
      const cluster = await resolveCluster(
        ctx.input,
        options.catalog,
        await ctx.getInitiatorCredentials(),
      );
      const rancher = options.rancher.forInstance(cluster.instance);
      const project = await findProject(
        rancher,
        cluster.clusterId,
        ctx.input.project,
      );
      const kubernetes = rancher.kubernetes(cluster.clusterId);

      if (ctx.isDryRun) {
        const existing = await kubernetes.readNamespace(namespace);
        ctx.logger.info(
          existing
            ? `Dry run: namespace ${namespace} exists and would be checked and adopted`
            : `Dry run: would create namespace ${namespace} in ${project.id} on ${cluster.label}`,
        );
        ctx.output('namespace', namespace);
        ctx.output('projectId', project.id);
        ctx.output('created', false);
        return;
      }

      const key = (...parts: string[]) =>
        [
          'wombat.rancher',
          rancher.name,
          cluster.clusterId,
          'namespace',
          namespace,
          ...parts,
        ].join(':');
      const result = await ctx.checkpoint({
        key: key(),
        fn: () =>
          ensureNamespace(
            kubernetes,
            { namespace, projectId: project.id, labels },
            ctx.logger,
          ),
      });
      if (hard) {
        await ctx.checkpoint({
          key: key('quota'),
          fn: () =>
            ensureResourceQuota(kubernetes, namespace, hard, ctx.logger),
        });
      }
      if (limitRange) {
        await ctx.checkpoint({
          key: key('limits'),
          fn: () =>
            ensureLimitRange(kubernetes, namespace, limitRange, ctx.logger),
        });
      }
      if (pull && harbor) {
        await ctx.checkpoint({
          key: key('pull-secret', secretName),
          fn: () =>
            ensurePullSecret({
              kubernetes,
              harbor,
              namespace,
              secretName,
              harborProject: pull.harborProject,
              robotName: pull.robotName,
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
