import { parseEntityRef } from '@backstage/catalog-model';

/** A Wombat project role, as `spec.members[].role` has it. */
export type ProjectRole = 'manager' | 'developer' | 'viewer';

/** One entry of a project's members, as the golden-path form collects it. */
export interface ProjectMember {
  /** A User or Group entity ref, e.g. `user:default/jdoe`. */
  member: string;
  role: ProjectRole;
}

/** A member with its kind and name read from the entity ref. */
export interface ResolvedMember {
  kind: 'user' | 'group';
  name: string;
  role: ProjectRole;
  /** The project's owner, whom some systems give more than a manager. */
  isOwner: boolean;
}

const RANK: Record<ProjectRole, number> = {
  viewer: 1,
  developer: 2,
  manager: 3,
};

/**
 * The members to grant access to, owner group first as manager (the owner
 * counts as manager in Wombat's policy too). A ref that names neither a
 * User nor a Group is an error: granting it nothing silently would leave
 * someone out.
 */
export function resolveMembers(
  members: ProjectMember[] | undefined,
  owner?: string,
): ResolvedMember[] {
  const entries: Array<ProjectMember & { isOwner?: boolean }> = [
    ...(owner
      ? [{ member: owner, role: 'manager' as const, isOwner: true }]
      : []),
    ...(members ?? []),
  ];
  const resolved = entries.map(({ member, role, isOwner = false }) => {
    const ref = parseEntityRef(member, { defaultKind: 'user' });
    const kind = ref.kind.toLocaleLowerCase('en-US');
    if (kind !== 'user' && kind !== 'group') {
      throw new Error(
        `Project member ${member} is a ${ref.kind}, not a User or Group`,
      );
    }
    return { kind, name: ref.name, role, isOwner } as ResolvedMember;
  });
  // One entry per member, with the highest of its roles.
  const byMember = new Map<string, ResolvedMember>();
  for (const member of resolved) {
    const key = `${member.kind}:${member.name}`;
    const known = byMember.get(key);
    if (!known || RANK[member.role] > RANK[known.role]) {
      byMember.set(key, {
        ...member,
        isOwner: member.isOwner || !!known?.isOwner,
      });
    } else if (member.isOwner) {
      known.isOwner = true;
    }
  }
  return [...byMember.values()];
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
        role: z.enum(['manager', 'developer', 'viewer']),
      }),
    )
    .describe("The project's members, as the golden-path form has them");
