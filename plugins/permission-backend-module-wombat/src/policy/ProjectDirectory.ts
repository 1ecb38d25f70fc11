import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ProjectEntityV1alpha1,
  getProjectVisibility,
} from '@wombat/plugin-wombat-common';
import { ProjectRole, higherProjectRole } from './roles';

/** Who has which role in one project. */
interface ProjectAccess {
  ref: string;
  private: boolean;
}

/** References compare case-insensitively in Backstage; the index keeps them lowercase. */
export function normaliseRef(
  ref: string,
  namespace = 'default',
  defaultKind = 'user',
): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace: namespace }),
  ).toLocaleLowerCase('en-US');
}

/**
 * Every project's members and visibility, indexed for the policy: from a
 * user's ownership references (the user and their groups) to their roles in
 * projects. Built once per catalog read, never per decision.
 */
export class ProjectDirectory {
  /** Project roles by member reference (a user or group). */
  private readonly byMember = new Map<string, Array<[string, ProjectRole]>>();
  private readonly projects = new Map<string, ProjectAccess>();
  /** The refs of private projects. */
  readonly privateProjects: string[];

  constructor(entities: ProjectEntityV1alpha1[]) {
    for (const project of entities) {
      const namespace = project.metadata.namespace ?? 'default';
      const ref = normaliseRef(project.metadata.name, namespace, 'project');
      this.projects.set(ref, {
        ref,
        private: getProjectVisibility(project) === 'private',
      });
      // The owner counts as the project's manager.
      const grants: Array<[string, ProjectRole]> = [
        [normaliseRef(project.spec.owner, namespace, 'group'), 'manager'],
        ...(project.spec.members ?? []).map(
          m =>
            [normaliseRef(m.member, namespace, 'user'), m.role] as [
              string,
              ProjectRole,
            ],
        ),
      ];
      for (const [member, role] of grants) {
        const list = this.byMember.get(member) ?? [];
        list.push([ref, role]);
        this.byMember.set(member, list);
      }
    }
    this.privateProjects = [...this.projects.values()]
      .filter(p => p.private)
      .map(p => p.ref);
  }

  get size(): number {
    return this.projects.size;
  }

  /**
   * The roles of someone with these ownership references (lowercase, as
   * normaliseRef makes them), by project ref.
   */
  rolesOf(ownershipRefs: readonly string[]): Map<string, ProjectRole> {
    const roles = new Map<string, ProjectRole>();
    for (const ref of ownershipRefs) {
      for (const [project, role] of this.byMember.get(ref) ?? []) {
        roles.set(project, higherProjectRole(roles.get(project), role));
      }
    }
    return roles;
  }
}
