import { InputError } from '@backstage/errors';
import { GitLabApi } from '@wombat/plugin-wombat-node';

/**
 * GitLab user ids of the given usernames. Runs before anything is created,
 * so an unknown user is bad input, not a half-provisioned project.
 */
export async function resolveUsers(
  api: GitLabApi,
  usernames: string[],
): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  const missing: string[] = [];
  for (const username of usernames) {
    const [user] = (await api.Users.all({ username })) as Array<{
      id: number;
      username: string;
    }>;
    if (user) {
      ids[username] = user.id;
    } else {
      missing.push(username);
    }
  }
  if (missing.length > 0) {
    throw new InputError(`members: GitLab has no user ${missing.join(', ')}`);
  }
  return ids;
}
