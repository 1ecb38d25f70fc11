import { ProjectDirectory } from './ProjectDirectory';
import { RbacConfig } from './RbacConfig';
import {
  GLOBAL_ROLE_RANK,
  GlobalRole,
  PROJECT_ROLE_RANK,
  ProjectRole,
} from './roles';

/** What one user may do, worked out once per user and directory. */
export class UserAccess {
  readonly isAdmin: boolean;
  readonly globalRole: GlobalRole;
  /** Project ref to the user's role in it (directly or through a group). */
  readonly projects: Map<string, ProjectRole>;
  private hiddenCache?: string[];
  /** Decisions already made for this user, by permission name. */
  readonly decisions = new Map<string, unknown>();

  constructor(
    readonly ownershipRefs: readonly string[],
    config: RbacConfig,
    private readonly directory: ProjectDirectory,
  ) {
    let globalRole: GlobalRole = config.defaultRole;
    for (const ref of ownershipRefs) {
      const role = config.roles.get(ref);
      if (role && GLOBAL_ROLE_RANK[role] > GLOBAL_ROLE_RANK[globalRole]) {
        globalRole = role;
      }
    }
    this.isAdmin =
      globalRole === 'admin' || ownershipRefs.some(r => config.admins.has(r));
    this.globalRole = this.isAdmin ? 'admin' : globalRole;
    this.projects = directory.rolesOf(ownershipRefs);
  }

  /** At least a global developer. */
  get isDeveloper(): boolean {
    return GLOBAL_ROLE_RANK[this.globalRole] >= GLOBAL_ROLE_RANK.developer;
  }

  /** The projects in which the user has at least `role`. */
  projectsWith(role: ProjectRole): string[] {
    const result: string[] = [];
    for (const [project, held] of this.projects) {
      if (PROJECT_ROLE_RANK[held] >= PROJECT_ROLE_RANK[role])
        result.push(project);
    }
    return result;
  }

  /** Private projects the user is not a member of. */
  hiddenProjects(): string[] {
    this.hiddenCache ??= this.directory.privateProjects.filter(
      p => !this.projects.has(p),
    );
    return this.hiddenCache;
  }
}
