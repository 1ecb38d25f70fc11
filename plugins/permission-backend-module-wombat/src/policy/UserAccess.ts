import { PolicyDecision } from '@backstage/plugin-permission-common';
import {
  GLOBAL_ROLE_RANK,
  GlobalRole,
  ProjectRole,
  globalRoleOf,
  hasProjectRole,
} from '@wombat/plugin-wombat-common';
import { ProjectDirectory } from './ProjectDirectory';
import { RbacConfig } from './RbacConfig';

/** What one user may do, worked out once per user and directory. */
export class UserAccess {
  readonly isAdmin: boolean;
  readonly globalRole: GlobalRole;
  /** Project ref to the user's role in it (directly, through a group, or as owner). */
  readonly projects: Map<string, ProjectRole>;
  private hiddenCache?: string[];
  /** Decisions already made for this user, by permission name. */
  readonly decisions = new Map<string, PolicyDecision>();

  constructor(
    /** The user's entity ref, as their token has it. */
    readonly userEntityRef: string,
    /** The user and their groups, lowercase. */
    readonly ownershipRefs: readonly string[],
    config: RbacConfig,
    private readonly directory: ProjectDirectory,
  ) {
    this.globalRole = globalRoleOf(config, ownershipRefs);
    this.isAdmin = this.globalRole === 'admin';
    this.projects = directory.rolesOf(ownershipRefs);
  }

  /** At least a global developer: may start new projects. */
  get isGlobalDeveloper(): boolean {
    return GLOBAL_ROLE_RANK[this.globalRole] >= GLOBAL_ROLE_RANK.developer;
  }

  /** The projects in which the user has at least `role`. */
  projectsWith(role: ProjectRole): string[] {
    const result: string[] = [];
    for (const [project, held] of this.projects) {
      if (hasProjectRole(held, role)) result.push(project);
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
