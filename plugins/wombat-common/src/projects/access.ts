import type {
  ProjectEntityV1alpha1,
  ProjectRole,
} from '../kinds/ProjectEntityV1alpha1';
import { effectiveProjectRole } from './grants';
import { WombatRbac, globalRoleOf } from './rbac';
import { GLOBAL_ROLE_RANK, GlobalRole, hasProjectRole } from './roles';

/**
 * What a user may do in or about one project.
 *
 * @public
 */
export interface ProjectAccess {
  isAdmin: boolean;
  globalRole: GlobalRole;
  /** The user's role in the project; undefined outside it, or without a project. */
  projectRole?: ProjectRole;
}

/**
 * The acts Wombat distinguishes:
 * - `read`: see a private project and what belongs to it (viewer);
 * - `create`: add repositories, registries, namespaces or VMs to an existing
 *   project, and run its golden paths (developer);
 * - `destroy`: remove what belongs to the project, decommission it, change
 *   its members (manager);
 * - `startProject`: create a project that does not exist yet (global
 *   developer).
 * Admins may do all of them.
 *
 * @public
 */
export type ProjectAct = 'read' | 'create' | 'destroy' | 'startProject';

/** The project role each act needs; `startProject` needs a global role instead. @public */
export const ROLE_NEEDED: Readonly<
  Record<Exclude<ProjectAct, 'startProject'>, ProjectRole>
> = {
  read: 'viewer',
  create: 'developer',
  destroy: 'manager',
};

/**
 * A user's access to a project, from their ownership references (the user
 * and their groups), `wombat.rbac` and the project's owner and members.
 *
 * @public
 */
export function resolveProjectAccess(options: {
  rbac: WombatRbac;
  ownershipRefs: readonly string[];
  project?: ProjectEntityV1alpha1;
}): ProjectAccess {
  const refs = options.ownershipRefs.map(r => r.toLocaleLowerCase('en-US'));
  const globalRole = globalRoleOf(options.rbac, refs);
  return {
    isAdmin: globalRole === 'admin',
    globalRole,
    projectRole: options.project
      ? effectiveProjectRole(options.project, refs)
      : undefined,
  };
}

/**
 * Whether the access allows the act. A global developer may start projects
 * but acts on an existing one only through a role in it.
 *
 * @public
 */
export function mayActInProject(
  access: ProjectAccess,
  act: ProjectAct,
): boolean {
  if (access.isAdmin) {
    return true;
  }
  if (act === 'startProject') {
    return GLOBAL_ROLE_RANK[access.globalRole] >= GLOBAL_ROLE_RANK.developer;
  }
  return hasProjectRole(access.projectRole, ROLE_NEEDED[act]);
}
