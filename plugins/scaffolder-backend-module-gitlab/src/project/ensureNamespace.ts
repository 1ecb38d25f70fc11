import { LoggerService } from '@backstage/backend-plugin-api';
import { GitLabApi } from '@wombat/plugin-wombat-node';
import { unlessMissing } from './lookups';

/**
 * The id of the namespace at `groupPath` (a group, or a user's namespace),
 * creating the missing groups of a nested path from the top down. New groups
 * get the project's visibility, since a project cannot be more visible than
 * its group.
 */
export async function ensureNamespace(
  api: GitLabApi,
  groupPath: string,
  visibility: 'private' | 'internal' | 'public',
  logger: LoggerService,
): Promise<number> {
  const existing = await unlessMissing(api.Namespaces.show(groupPath));
  if (existing) {
    return existing.id;
  }
  let parentId: number | undefined;
  const segments = groupPath.split('/');
  for (let depth = 1; depth <= segments.length; depth++) {
    const path = segments.slice(0, depth).join('/');
    const group = await unlessMissing(api.Groups.show(path));
    if (group) {
      parentId = group.id;
      continue;
    }
    const segment = segments[depth - 1];
    const created = await api.Groups.create(segment, segment, {
      ...(parentId !== undefined ? { parentId } : {}),
      visibility,
    });
    logger.info(`Created GitLab group ${path}`, { group: path });
    parentId = created.id;
  }
  return parentId!;
}
