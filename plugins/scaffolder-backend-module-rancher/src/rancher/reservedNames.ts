import { NotAllowedError } from '@backstage/errors';

/**
 * The projects Rancher makes in every cluster for itself: System holds
 * cattle-system and kube-system, Default holds the default namespace.
 * Wombat never uses or binds anyone to them.
 */
const RANCHER_OWN_PROJECTS = /^(system|default)$/i;

/** Rancher's management cluster, where Rancher itself runs. */
export const MANAGEMENT_CLUSTER_ID = 'local';

/** Refuses Rancher's own projects, whatever the case. */
export function refuseRancherOwnProject(name: string, field: string): void {
  if (RANCHER_OWN_PROJECTS.test(name.trim())) {
    throw new NotAllowedError(
      `${field} "${name}" is one of Rancher's own projects (System, Default); Wombat never uses them`,
    );
  }
}
