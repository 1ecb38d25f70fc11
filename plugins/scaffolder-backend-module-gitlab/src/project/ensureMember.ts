import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { GitLabApi } from '@wombat/plugin-wombat-node';
import { memberAccessLevelName } from './accessLevels';

/** Adds the user to the project, or accepts an identical membership. */
export async function ensureMember(
  api: GitLabApi,
  project: { id: number; path: string },
  member: { username: string; userId: number; accessLevel: number },
  logger: LoggerService,
): Promise<void> {
  const members = (await api.ProjectMembers.all(project.id, {
    perPage: 100,
  })) as Array<{ id: number; access_level: number }>;
  const existing = members.find(m => m.id === member.userId);
  if (existing) {
    if (existing.access_level !== member.accessLevel) {
      throw new ConflictError(
        `${member.username} is already a ${memberAccessLevelName(
          existing.access_level,
        )} of ${project.path}; the template asks for ${memberAccessLevelName(
          member.accessLevel,
        )}`,
      );
    }
    return;
  }
  await api.ProjectMembers.add(project.id, member.accessLevel as any, {
    userId: member.userId,
  });
  logger.info(
    `Added ${member.username} to ${project.path} as ${memberAccessLevelName(
      member.accessLevel,
    )}`,
    { project: project.path, member: member.username },
  );
}
