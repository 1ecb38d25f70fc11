import type { HarborState } from './HarborState';
import { ROLE_NAMES } from './roles';

/**
 * The initial state of a fresh Harbor: the `admin` account (user id 1, the
 * one the fake authenticates), the given users and groups, and the public
 * `library` project (id 1) every installation starts with.
 */
export function seedHarborState(seed: {
  username: string;
  users: string[];
  groups: string[];
}): HarborState {
  const now = new Date().toISOString();
  const usernames = [
    seed.username,
    ...seed.users.filter(u => u !== seed.username),
  ];
  return {
    users: usernames.map((username, index) => ({
      user_id: index + 1,
      username,
    })),
    groups: seed.groups.map((group_name, index) => ({
      id: index + 1,
      group_name,
      group_type: 1,
    })),
    projects: [
      {
        project_id: 1,
        name: 'library',
        owner_id: 1,
        owner_name: seed.username,
        metadata: { public: 'true' },
        storage_limit: -1,
        repo_count: 0,
        creation_time: now,
        update_time: now,
        members: [
          {
            id: 1,
            project_id: 1,
            entity_name: seed.username,
            entity_type: 'u',
            entity_id: 1,
            role_id: 1,
            role_name: ROLE_NAMES[1],
          },
        ],
        webhookPolicies: [],
      },
    ],
    robots: [],
    sequences: { project: 2, member: 2, robot: 1, webhookPolicy: 1 },
  };
}
