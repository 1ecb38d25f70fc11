import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { RancherClient, RancherQuotaLimit } from '@wombat/plugin-wombat-node';
import { sameLimits } from './projectQuotas';

/**
 * Adopts the cluster's project of that name when its quotas match, or
 * creates it. Rancher does not keep project names unique, so the name is
 * looked up first, and several projects of one name are a conflict rather
 * than a guess.
 */
export async function ensureRancherProject(
  rancher: RancherClient,
  request: {
    clusterId: string;
    name: string;
    description?: string;
    resourceQuota?: RancherQuotaLimit;
    namespaceDefault?: RancherQuotaLimit;
  },
  logger: LoggerService,
): Promise<{ projectId: string; created: boolean }> {
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
  if (project) {
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
    logger.info(
      `Rancher project ${request.name} exists (${project.id}); using it`,
    );
    return { projectId: project.id, created: false };
  }
  const created = await rancher.createProject({
    name: request.name,
    clusterId: request.clusterId,
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
  });
  return { projectId: created.id, created: true };
}
