import { ConflictError, InputError } from '@backstage/errors';
import {
  ProjectScope,
  RancherClient,
  RancherProject,
} from '@wombat/plugin-wombat-node';
import { refuseRancherOwnProject } from './reservedNames';
import { readStampAnnotation } from './stamps';

/** Rancher project ids: the cluster id, a colon, the project's own id. */
const PROJECT_ID = /^c-[a-z0-9-]+:p-[a-z0-9]+$/;

/** Whether the text is a Rancher project id rather than a name. */
export function isRancherProjectId(project: string): boolean {
  return PROJECT_ID.test(project);
}

/**
 * The Rancher project named by its id (c-xxxxx:p-yyyyy) or by its name, if
 * it carries the Wombat project's stamp; a project of another Wombat
 * project, or of none, is refused without saying whose it is.
 */
export async function findOwnProject(
  rancher: RancherClient,
  scope: ProjectScope,
  cluster: { clusterId: string; label: string },
  project: string,
): Promise<RancherProject> {
  const { clusterId } = cluster;
  const byId = isRancherProjectId(project);
  if (byId && !project.startsWith(`${clusterId}:`)) {
    throw new InputError(
      `rancherProject ${project} belongs to another cluster than ${clusterId}`,
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
  const [found] = candidates;
  refuseRancherOwnProject(found.name, 'rancherProject');
  const stamps = readStampAnnotation(found.annotations);
  if (stamps.length !== 1 || stamps[0] !== scope.ref) {
    throw new ConflictError(
      `Rancher project ${found.name} (${found.id}) on ${cluster.label} is not stamped for ${scope.ref}; name the Rancher project rancher:project:create made for it`,
    );
  }
  return found;
}
