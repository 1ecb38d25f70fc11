import { ConflictError, NotAllowedError } from '@backstage/errors';
import { ProjectRole, hasProjectRole } from '@wombat/plugin-wombat-common';
import { ProjectScope } from './ProjectGuard';

/**
 * What an action may do with a resource it found: `own` when it carries
 * this project's stamp, `adopt` when an admin asked to onboard an
 * unstamped one (the action then writes the stamp).
 *
 * @public
 */
export type OwnershipVerdict = 'own' | 'adopt';

/**
 * Decides whether an existing resource may be used for the project: only
 * when its stamp names the same project, or, when it has none, when an
 * admin adopts it explicitly. Anything else is a ConflictError that names
 * the resource and says why; another project's name is never revealed.
 *
 * @public
 */
export function claimExisting(
  scope: ProjectScope,
  resource: {
    /** e.g. `GitLab project payments/payments-api`. */
    what: string;
    /** The project references its stamps name (`readProjectStamps`). */
    stamps: readonly string[];
    /** The action's `adopt` input. */
    adopt?: boolean;
  },
): OwnershipVerdict {
  const { what, stamps } = resource;
  if (stamps.length > 1) {
    throw new ConflictError(
      `${what} is stamped for ${stamps.length} Wombat projects; Wombat leaves it alone until a platform admin cleans its stamps up`,
    );
  }
  if (stamps.length === 1) {
    if (stamps[0] === scope.ref) {
      return 'own';
    }
    throw new ConflictError(
      `${what} belongs to another Wombat project than ${scope.ref}; choose another name`,
    );
  }
  if (!resource.adopt) {
    throw new ConflictError(
      `${what} exists but was not created by Wombat for ${scope.ref}; choose another name, or ask a platform admin to adopt it (adopt: true)`,
    );
  }
  requireAdmin(scope, `Adopting ${what}`);
  return 'adopt';
}

/**
 * Throws a NotAllowedError unless the requester is an admin (or trusted
 * automation).
 *
 * @public
 */
export function requireAdmin(scope: ProjectScope, what: string): void {
  if (!scope.requester.isAdmin) {
    throw new NotAllowedError(`${what} is for platform admins only`);
  }
}

/**
 * Throws a NotAllowedError unless the requester holds at least `role` in
 * the project (admins and automation always do; so does whoever starts a
 * new project, which has no roles yet). Who is in a project is the
 * managers' to decide, so an action that grants access checks for
 * `manager` even where adding a resource needs only `developer`.
 *
 * @public
 */
export function requireProjectRole(
  scope: ProjectScope,
  role: ProjectRole,
  what: string,
): void {
  if (scope.requester.isAdmin || scope.isNew) {
    return;
  }
  if (!hasProjectRole(scope.requester.role, role)) {
    throw new NotAllowedError(
      `${what} in ${scope.ref} needs the ${role} role in it`,
    );
  }
}
