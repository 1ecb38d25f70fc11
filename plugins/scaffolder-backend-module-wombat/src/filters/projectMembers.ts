import { parseEntityRef } from '@backstage/catalog-model';
import {
  PROJECT_ROLES,
  ProjectMember,
  ProjectRole,
  resolveGrants,
} from '@wombat/plugin-wombat-common';

export type { ProjectMember, ProjectRole };

/** A member with its kind and name read from the entity ref. */
export interface ResolvedMember {
  kind: 'user' | 'group';
  name: string;
  role: ProjectRole;
  /** The project's owner, whom some systems give more than a manager. */
  isOwner: boolean;
}

/**
 * The members to grant access to, owner first as manager, one entry per
 * member with its highest role: the grants of Wombat's project model, which
 * the policy and the actions use too. A ref that names neither a User nor a
 * Group is an error: granting it nothing silently would leave someone out.
 */
export function resolveMembers(
  members: ProjectMember[] | undefined,
  owner?: string,
): ResolvedMember[] {
  for (const { member } of members ?? []) {
    const { kind } = parseEntityRef(member, { defaultKind: 'user' });
    if (!['user', 'group'].includes(kind.toLocaleLowerCase('en-US'))) {
      throw new Error(
        `Project member ${member} is a ${kind}, not a User or Group`,
      );
    }
  }
  return resolveGrants({ owner, members }).map(grant => {
    const { kind, name } = parseEntityRef(grant.subject);
    return {
      kind: kind as 'user' | 'group',
      name,
      role: grant.role,
      isOwner: grant.isOwner,
    };
  });
}

/** The zod shape of the filters' owner argument. */
export const ownerArgument = (z: typeof import('zod/v3').z) =>
  z.string().describe('The owner group ref').optional();

/** The zod shape of the filters' member argument. */
export const membersArgument = (z: typeof import('zod/v3').z) =>
  z
    .array(
      z.object({
        member: z.string().describe('User or Group entity ref'),
        role: z.enum(PROJECT_ROLES),
      }),
    )
    .describe("The project's members, as the golden-path form has them");
