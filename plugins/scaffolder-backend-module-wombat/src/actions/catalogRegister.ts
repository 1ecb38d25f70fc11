import { InputError, NotAllowedError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { EventsService } from '@backstage/plugin-events-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { readProjectStamps } from '@wombat/plugin-wombat-common';
import {
  GitLabClientFactory,
  ProjectGuard,
  WOMBAT_LOCATIONS_TOPIC,
  WombatLocationEvent,
} from '@wombat/plugin-wombat-node';
import { examples } from './catalogRegister.examples';

const CLUSTER_REF =
  /^cluster:([a-z0-9]+(?:-+[a-z0-9]+)*)\/([a-z0-9]([-a-z0-9]*[a-z0-9])?)$/;

/** The GitLab project a `repoContentsUrl` (`<web url>/-/blob/<branch>`) points into. */
function repositoryOf(
  url: URL,
  integrations: ScmIntegrationRegistry,
): { host: string; path: string } {
  const integration = integrations.gitlab.byUrl(url.toString());
  if (!integration) {
    throw new InputError(
      `repoContentsUrl ${url} is not on a GitLab host of integrations.gitlab`,
    );
  }
  const base = new URL(integration.config.baseUrl).pathname.replace(/\/$/, '');
  const match = url.pathname
    .slice(base.length)
    .match(/^\/(.+?)\/-\/(?:blob|tree)\/[^/]+/);
  if (!match) {
    throw new InputError(
      `repoContentsUrl ${url} is not a GitLab address of a branch's files, such as https://gitlab.example.com/group/project/-/blob/main`,
    );
  }
  return { host: integration.config.host, path: decodeURIComponent(match[1]) };
}

/**
 * Registers a Project's definition (and what belongs to it) or a Cluster's
 * in the catalog through a Wombat location, the only way these kinds get in
 * besides the configured locations. It checks first that the requester may:
 * for a project, the role to add to it (or, for a new one, to start
 * projects), and that the file lies in a repository in the project's GitLab
 * group that Wombat created for it; for a cluster, that the requester is an
 * admin. The catalog then takes from the location only the Project (or
 * Cluster) it was registered for and entities that belong to it.
 *
 * @public
 */
export function createWombatCatalogRegisterAction(options: {
  guard: ProjectGuard;
  gitlab: GitLabClientFactory;
  integrations: ScmIntegrationRegistry;
  events: EventsService;
}) {
  return createTemplateAction({
    id: 'wombat:catalog:register',
    description:
      "Registers the catalog-info.yaml of a Wombat project's repository (its Project and what belongs to it) or of a cluster (admins) in the catalog, after checking that the requester may. Users cannot register Projects and Clusters themselves; this is how golden paths do.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        project: z =>
          z
            .string({
              description:
                'The Wombat project whose file it is, a full reference such as project:default/payments',
            })
            .optional(),
        cluster: z =>
          z
            .string({
              description:
                'Instead of project: the Cluster the file defines, a full reference such as cluster:default/dev-eu (admins)',
            })
            .optional(),
        repoContentsUrl: z =>
          z.string({
            description:
              "The repository branch's files, as gitlab:project:create outputs it",
          }),
        catalogInfoPath: z =>
          z
            .string({
              description: 'The file in it; default /catalog-info.yaml',
            })
            .optional(),
      },
      output: {
        entityRef: z =>
          z.string({ description: 'The Project or Cluster it registers' }),
        catalogInfoUrl: z => z.string({ description: "The file's address" }),
      },
    },
    async handler(ctx) {
      if (Boolean(ctx.input.project) === Boolean(ctx.input.cluster)) {
        throw new InputError('Give either project or cluster');
      }
      const path = (ctx.input.catalogInfoPath ?? '/catalog-info.yaml').replace(
        /^\/*/,
        '/',
      );
      if (path.split('/').includes('..')) {
        throw new InputError(`catalogInfoPath ${path} may not contain ".."`);
      }
      let contents: URL;
      try {
        contents = new URL(ctx.input.repoContentsUrl.replace(/\/+$/, ''));
      } catch {
        throw new InputError(
          `repoContentsUrl ${ctx.input.repoContentsUrl} is not a URL`,
        );
      }
      const repository = repositoryOf(contents, options.integrations);
      const credentials = await ctx.getInitiatorCredentials();

      let entityRef: string;
      if (ctx.input.project) {
        const scope = await options.guard.authorize({
          taskId: ctx.task.id,
          credentials,
          project: ctx.input.project,
          act: 'create',
          allowNewProject: true,
        });
        entityRef = scope.ref;
        const inGroup =
          repository.path === scope.systemName ||
          repository.path.startsWith(`${scope.systemName}/`);
        if (!inGroup) {
          throw new InputError(
            `repoContentsUrl must be a repository in the project's GitLab group ${scope.systemName}, not ${repository.path}`,
          );
        }
        const { api } = options.gitlab.forHost(repository.host);
        const project = (await api.Projects.show(repository.path)) as {
          topics?: string[];
        };
        const stamps = readProjectStamps(project.topics ?? []);
        if (stamps.length !== 1 || stamps[0] !== scope.ref) {
          throw new NotAllowedError(
            `The GitLab project ${repository.path} was not created by Wombat for ${scope.ref}; only such a repository may define the project`,
          );
        }
      } else {
        const cluster = ctx.input.cluster!.trim().toLocaleLowerCase('en-US');
        if (!CLUSTER_REF.test(cluster)) {
          throw new InputError(
            `cluster ${JSON.stringify(
              ctx.input.cluster,
            )} is not a full Cluster reference such as cluster:default/dev-eu`,
          );
        }
        const requester = await options.guard.requesterOf(credentials);
        if (!requester.isAdmin) {
          throw new NotAllowedError(
            'Registering a cluster is for platform admins only',
          );
        }
        entityRef = cluster;
      }

      const catalogInfoUrl = `${contents}${path}`;
      ctx.output('entityRef', entityRef);
      ctx.output('catalogInfoUrl', catalogInfoUrl);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would register ${catalogInfoUrl} for ${entityRef}`,
        );
        return;
      }
      const event: WombatLocationEvent = {
        change: 'added',
        entityRef,
        target: catalogInfoUrl,
      };
      await ctx.checkpoint({
        key: `wombat.catalog:register:${entityRef}:${catalogInfoUrl}`,
        fn: () =>
          options.events.publish({
            topic: WOMBAT_LOCATIONS_TOPIC,
            eventPayload: event,
          }),
      });
      ctx.logger.info(`Registered ${catalogInfoUrl} for ${entityRef}`, {
        entityRef,
      });
    },
  });
}
