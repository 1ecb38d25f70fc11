import { DEFAULT_NAMESPACE } from '@backstage/catalog-model';
import type {
  ProjectEntityV1alpha1,
  ProjectRole,
} from '../kinds/ProjectEntityV1alpha1';
import { normalizeEntityRef } from './refs';
import { higherProjectRole } from './roles';

/**
 * Someone with a role in a project: a user or a group, as a normalised
 * reference.
 *
 * @public
 */
export interface ProjectGrant {
  /** `user:default/jdoe` or `group:default/team-payments`, lowercase. */
  subject: string;
  role: ProjectRole;
  /** The project's owner, whom some systems give more than a manager. */
  isOwner: boolean;
}

/**
 * Who has which role in a project: the owner as manager (first), then the
 * members, one grant per subject with the highest of its roles. References
 * in the spec resolve like the catalog resolves them: a member without a
 * kind is a user, the owner without a kind a group, and a missing namespace
 * is the project's own.
 *
 * @public
 */
export function projectGrants(project: ProjectEntityV1alpha1): ProjectGrant[] {
  return resolveGrants({
    owner: project.spec.owner,
    members: project.spec.members,
    namespace: project.metadata.namespace,
  });
}

/**
 * The grants of an owner and members that are not (yet) a Project entity,
 * such as the values of the New project form. See `projectGrants`.
 *
 * @public
 */
export function resolveGrants(options: {
  owner?: string;
  members?: ReadonlyArray<{ member: string; role: ProjectRole }>;
  namespace?: string;
}): ProjectGrant[] {
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  const bySubject = new Map<string, ProjectGrant>();
  const add = (subject: string, role: ProjectRole, isOwner: boolean) => {
    const known = bySubject.get(subject);
    bySubject.set(subject, {
      subject,
      role: higherProjectRole(known?.role, role),
      isOwner: isOwner || Boolean(known?.isOwner),
    });
  };
  if (options.owner) {
    add(
      normalizeEntityRef(options.owner, {
        defaultKind: 'group',
        defaultNamespace: namespace,
      }),
      'manager',
      true,
    );
  }
  for (const { member, role } of options.members ?? []) {
    add(
      normalizeEntityRef(member, {
        defaultKind: 'user',
        defaultNamespace: namespace,
      }),
      role,
      false,
    );
  }
  return [...bySubject.values()];
}

/**
 * The role of someone with these ownership references (the user and their
 * groups, as their Backstage token lists them) in the project: the highest
 * of the grants that name the user or one of the groups; undefined when none
 * does. Global roles are not part of it: see `resolveProjectAccess`.
 *
 * @public
 */
export function effectiveProjectRole(
  project: ProjectEntityV1alpha1,
  ownershipRefs: readonly string[],
): ProjectRole | undefined {
  const refs = new Set(ownershipRefs.map(r => r.toLocaleLowerCase('en-US')));
  let role: ProjectRole | undefined;
  for (const grant of projectGrants(project)) {
    if (refs.has(grant.subject)) {
      role = higherProjectRole(role, grant.role);
    }
  }
  return role;
}
