import { InputError } from '@backstage/errors';
import { RancherClient, RancherProject } from '@wombat/plugin-wombat-node';

/** Rancher project ids: the cluster id, a colon, the project's own id. */
const PROJECT_ID = /^c-[a-z0-9-]+:p-[a-z0-9]+$/;

/** The project named by its id (c-xxxxx:p-yyyyy) or by its name. */
export async function findProject(
  rancher: RancherClient,
  clusterId: string,
  project: string,
): Promise<RancherProject> {
  const byId = PROJECT_ID.test(project);
  if (byId && !project.startsWith(`${clusterId}:`)) {
    throw new InputError(
      `project ${project} belongs to another cluster than ${clusterId}`,
    );
  }
  const candidates = byId
    ? (await rancher.listProjects(clusterId)).filter(p => p.id === project)
    : await rancher.listProjects(clusterId, project);
  if (candidates.length === 0) {
    throw new InputError(
      `Cluster ${clusterId} has no Rancher project ${project}; create it first with rancher:project:create`,
    );
  }
  if (candidates.length > 1) {
    throw new InputError(
      `Cluster ${clusterId} has several Rancher projects named ${project} (${candidates
        .map(p => p.id)
        .join(', ')}); give the project id instead`,
    );
  }
  return candidates[0];
}
