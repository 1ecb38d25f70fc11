import type {
  GitLabNamespace,
  GitLabState,
  GitLabVisibility,
} from './GitLabState';
import { nextId } from './GitLabState';
import { addProject } from './projectFactory';
import { assignTopics } from './topics';

/** A user that exists on the fake instance. @public */
export interface GitLabUserSeed {
  id: number;
  username: string;
  name?: string;
}

/** A group that exists before the test; missing parent groups are created. @public */
export interface GitLabGroupSeed {
  fullPath: string;
  name?: string;
  visibility?: GitLabVisibility;
  /** The description of the group at `fullPath` (not of parents it creates). */
  description?: string;
}

/** A project that exists before the test, in an existing or seeded namespace. @public */
export interface GitLabProjectSeed {
  pathWithNamespace: string;
  name?: string;
  defaultBranch?: string;
  /** Defaults to false: a seeded project already has commits. */
  emptyRepo?: boolean;
  visibility?: GitLabVisibility;
  description?: string;
  topics?: string[];
}

/** The users a fresh fake knows; the first one owns the token (an admin). */
export const DEFAULT_GITLAB_USERS: GitLabUserSeed[] = [
  { id: 1, username: 'root', name: 'Administrator' },
  { id: 2, username: 'jdoe', name: 'John Doe' },
  { id: 3, username: 'maria', name: 'Maria Rossi' },
  { id: 4, username: 'kim', name: 'Kim Lee' },
];

/**
 * Builds the initial state. Namespace and project ids start at 10 and 100 so
 * that a client mixing up user, namespace and project ids gets caught.
 */
export function seedGitLabState(seed: {
  users: GitLabUserSeed[];
  groups: GitLabGroupSeed[];
  projects: GitLabProjectSeed[];
}): GitLabState {
  const state: GitLabState = {
    users: [],
    namespaces: [],
    projects: [],
    sequences: {
      namespace: 10,
      project: 100,
      deployKey: 1,
      protectedBranch: 1,
      accessLevelRule: 1,
    },
  };
  const now = new Date().toISOString();
  for (const user of seed.users) {
    const namespaceId = nextId(state, 'namespace');
    state.users.push({
      id: user.id,
      username: user.username,
      name: user.name ?? user.username,
      state: 'active',
      namespace_id: namespaceId,
    });
    state.namespaces.push({
      id: namespaceId,
      name: user.name ?? user.username,
      path: user.username,
      kind: 'user',
      full_path: user.username,
      parent_id: null,
      visibility: 'private',
      description: '',
      created_at: now,
    });
  }
  for (const group of seed.groups) {
    ensureGroup(state, group.fullPath, group);
  }
  for (const project of seed.projects) {
    const slash = project.pathWithNamespace.lastIndexOf('/');
    if (slash < 0) {
      throw new Error(
        `Project seed '${project.pathWithNamespace}' needs a namespace`,
      );
    }
    const path = project.pathWithNamespace.slice(slash + 1);
    addProject(state, {
      name: project.name ?? path,
      path,
      namespace: ensureGroup(state, project.pathWithNamespace.slice(0, slash)),
      description: project.description ?? null,
      visibility: project.visibility ?? 'private',
      defaultBranch: project.defaultBranch ?? 'main',
      emptyRepo: project.emptyRepo ?? false,
      topics: assignTopics(state, project.topics ?? []),
    });
  }
  return state;
}

/** Finds a namespace by full path, creating the missing groups on the way. */
function ensureGroup(
  state: GitLabState,
  fullPath: string,
  seed?: GitLabGroupSeed,
): GitLabNamespace {
  let parent: GitLabNamespace | undefined;
  const segments = fullPath.split('/');
  segments.forEach((path, index) => {
    const currentPath = segments.slice(0, index + 1).join('/');
    const existing = state.namespaces.find(
      namespace => namespace.full_path === currentPath,
    );
    if (existing) {
      parent = existing;
      return;
    }
    const isLast = index === segments.length - 1;
    const group: GitLabNamespace = {
      id: nextId(state, 'namespace'),
      name: (isLast && seed?.name) || path,
      path,
      kind: 'group',
      full_path: currentPath,
      parent_id: parent?.id ?? null,
      visibility: (isLast && seed?.visibility) || 'private',
      description: (isLast && seed?.description) || '',
      created_at: new Date().toISOString(),
    };
    state.namespaces.push(group);
    parent = group;
  });
  return parent!;
}
