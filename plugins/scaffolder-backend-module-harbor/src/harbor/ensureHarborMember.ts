import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  HARBOR_PROJECT_ROLES,
  HarborClient,
  HarborProjectRole,
} from '@wombat/plugin-wombat-node';

/** A user or a group with a role in a Harbor project. */
export type HarborMemberSpec =
  | { username: string; role: HarborProjectRole }
  | { group: string; role: HarborProjectRole };

function roleName(roleId: number) {
  return (
    Object.entries(HARBOR_PROJECT_ROLES).find(([, id]) => id === roleId)?.[0] ??
    `role ${roleId}`
  );
}

/** Adds the member, or accepts the same member with the same role. */
export async function ensureHarborMember(
  client: HarborClient,
  project: string,
  member: HarborMemberSpec,
  logger: LoggerService,
): Promise<void> {
  const isUser = 'username' in member;
  const name = isUser ? member.username : member.group;
  const roleId = HARBOR_PROJECT_ROLES[member.role];
  const existing = (await client.listProjectMembers(project, name)).find(
    m =>
      m.entity_name.toLowerCase() === name.toLowerCase() &&
      m.entity_type === (isUser ? 'u' : 'g'),
  );
  if (existing) {
    if (existing.role_id !== roleId) {
      throw new ConflictError(
        `${isUser ? 'User' : 'Group'} ${name} is already ${roleName(
          existing.role_id,
        )} of Harbor project ${project}; the template asks for ${member.role}`,
      );
    }
    return;
  }
  await client.addProjectMember(project, {
    role_id: roleId,
    ...(isUser
      ? { member_user: { username: member.username } }
      : { member_group: { group_name: member.group } }),
  });
  logger.info(`Added ${name} to Harbor project ${project} as ${member.role}`, {
    project,
    member: name,
    instance: client.name,
  });
}
