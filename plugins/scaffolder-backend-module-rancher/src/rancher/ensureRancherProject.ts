import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  OwnershipVerdict,
  ProjectScope,
  RancherClient,
  RancherProject,
  RancherQuotaLimit,
  claimExisting,
} from '@wombat/plugin-wombat-node';
import { sameLimits } from './projectQuotas';
import { PROJECT_STAMP_KEY, readStampAnnotation } from './stamps';

/** What the project step asks for. */
export interface RancherProjectRequest {
  clusterId: string;
  /** The cluster, for messages. */
  clusterLabel: string;
  name: string;
  description?: string;
  resourceQuota?: RancherQuotaLimit;
  namespaceDefault?: RancherQuotaLimit;
  /** The `adopt` input; only an admin gets this far with it. */
  adopt?: boolean;
}

/**
 * What is there: nothing (`create`), or the one project of that name and
 * whether Wombat may use it. Rancher does not keep project names unique,
 * so several projects of one name are a conflict rather than a guess; one
 * that is not stamped for this Wombat project is used only when an admin
 * adopts it, and never when its quotas differ. Only reads.
 */
export async function planRancherProject(
  rancher: RancherClient,
  scope: ProjectScope,
  request: RancherProjectRequest,
): Promise<
  { verdict: 'create' } | { verdict: OwnershipVerdict; project: RancherProject }
> {
  const existing = await rancher.listProjects(request.clusterId, request.name);
  if (existing.length > 1) {
    throw new ConflictError(
      `Cluster ${request.clusterId} has ${
        existing.length
      } Rancher projects named ${request.name} (${existing
        .map(p => p.id)
        .join(', ')}); rename or remove all but one`,
    );
  }
  const [project] = existing;
  if (!project) {
    return { verdict: 'create' };
  }
  const verdict = claimExisting(scope, {
    what: `Rancher project ${request.name} on ${request.clusterLabel}`,
    stamps: readStampAnnotation(project.annotations),
    adopt: request.adopt,
  });
  const found: string[] = [];
  if (!sameLimits(project.resourceQuota?.limit, request.resourceQuota)) {
    found.push(
      `its resource quota is ${JSON.stringify(
        project.resourceQuota?.limit ?? {},
      )}`,
    );
  }
  if (
    !sameLimits(
      project.namespaceDefaultResourceQuota?.limit,
      request.namespaceDefault,
    )
  ) {
    found.push(
      `its namespace default quota is ${JSON.stringify(
        project.namespaceDefaultResourceQuota?.limit ?? {},
      )}`,
    );
  }
  if (found.length > 0) {
    throw new ConflictError(
      `Rancher project ${request.name} (${
        project.id
      }) already exists and differs: ${found.join('; ')}`,
    );
  }
  return { verdict, project };
}

/**
 * Creates the Rancher project stamped for the Wombat project, uses the one
 * that carries the stamp, or stamps the one an admin adopts.
 */
export async function ensureRancherProject(
  rancher: RancherClient,
  scope: ProjectScope,
  request: RancherProjectRequest,
  logger: LoggerService,
): Promise<{ projectId: string; created: boolean }> {
  const plan = await planRancherProject(rancher, scope, request);
  if (plan.verdict === 'own') {
    logger.info(
      `Rancher project ${request.name} exists (${plan.project.id}) and is ${scope.ref}'s; using it`,
    );
    return { projectId: plan.project.id, created: false };
  }
  if (plan.verdict === 'adopt') {
    await rancher.updateProject(plan.project.id, {
      annotations: { [PROJECT_STAMP_KEY]: scope.ref },
    });
    logger.info(
      `Adopted Rancher project ${request.name} (${plan.project.id}) into ${scope.ref}`,
    );
    return { projectId: plan.project.id, created: false };
  }
  const created = await rancher.createProject({
    name: request.name,
    clusterId: request.clusterId,
    annotations: { [PROJECT_STAMP_KEY]: scope.ref },
    ...(request.description ? { description: request.description } : {}),
    ...(request.resourceQuota
      ? {
          resourceQuota: { limit: request.resourceQuota },
          namespaceDefaultResourceQuota: { limit: request.namespaceDefault! },
        }
      : {}),
  });
  logger.info(`Created Rancher project ${request.name} (${created.id})`, {
    cluster: request.clusterId,
    instance: rancher.name,
    project: scope.ref,
  });
  return { projectId: created.id, created: true };
}
