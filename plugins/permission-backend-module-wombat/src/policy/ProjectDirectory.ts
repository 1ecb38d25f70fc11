import {
  ProjectEntityV1alpha1,
  ProjectRole,
  getProjectVisibility,
  higherProjectRole,
  projectGrants,
  projectRefOf,
} from '@wombat/plugin-wombat-common';

/**
 * Every project's members and visibility, indexed for the policy: from a
 * user's ownership references (the user and their groups) to their roles in
 * projects. Built once per catalog read, never per decision; the roles come
 * from the project model every Wombat part shares.
 */
export class ProjectDirectory {
  /** Project roles by subject (a user or group reference, lowercase). */
  private readonly bySubject = new Map<string, Array<[string, ProjectRole]>>();
  private readonly refs: string[] = [];
  /** The refs of private projects. */
  readonly privateProjects: string[];

  constructor(entities: ProjectEntityV1alpha1[]) {
    const privateProjects: string[] = [];
    for (const project of entities) {
      const ref = projectRefOf(project);
      this.refs.push(ref);
      if (getProjectVisibility(project) === 'private') {
        privateProjects.push(ref);
      }
      for (const { subject, role } of projectGrants(project)) {
        const list = this.bySubject.get(subject) ?? [];
        list.push([ref, role]);
        this.bySubject.set(subject, list);
      }
    }
    this.privateProjects = privateProjects;
  }

  get size(): number {
    return this.refs.length;
  }

  /**
   * The roles of someone with these ownership references (lowercase), by
   * project ref.
   */
  rolesOf(ownershipRefs: readonly string[]): Map<string, ProjectRole> {
    const roles = new Map<string, ProjectRole>();
    for (const ref of ownershipRefs) {
      for (const [project, role] of this.bySubject.get(ref) ?? []) {
        roles.set(project, higherProjectRole(roles.get(project), role));
      }
    }
    return roles;
  }
}
