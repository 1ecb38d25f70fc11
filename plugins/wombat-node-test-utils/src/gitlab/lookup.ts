import { decodeSegment } from '../shared/routing';
import type {
  GitLabNamespace,
  GitLabProject,
  GitLabState,
  GitLabUser,
} from './GitLabState';

/**
 * Resolves an `:id` path parameter the way GitLab does: digits are an id,
 * anything else is a URL-encoded full path, compared case-insensitively.
 */
function byIdOrPath<T extends { id: number }>(
  items: T[],
  rawId: string,
  pathOf: (item: T) => string,
): T | undefined {
  const decoded = decodeSegment(rawId);
  if (decoded === undefined) {
    return undefined;
  }
  if (/^\d+$/.test(decoded)) {
    return items.find(item => item.id === Number(decoded));
  }
  const wanted = decoded.toLowerCase();
  return items.find(item => pathOf(item).toLowerCase() === wanted);
}

export function findProject(
  state: GitLabState,
  rawId: string,
): GitLabProject | undefined {
  return byIdOrPath(state.projects, rawId, p => p.path_with_namespace);
}

export function findNamespace(
  state: GitLabState,
  rawId: string,
): GitLabNamespace | undefined {
  return byIdOrPath(state.namespaces, rawId, n => n.full_path);
}

export function findGroup(
  state: GitLabState,
  rawId: string,
): GitLabNamespace | undefined {
  const namespace = findNamespace(state, rawId);
  return namespace?.kind === 'group' ? namespace : undefined;
}

export function findUserById(
  state: GitLabState,
  id: number,
): GitLabUser | undefined {
  return state.users.find(user => user.id === id);
}

/** A user by the raw `:id` of a path: only digits name a user. */
export function findUserByRawId(
  state: GitLabState,
  rawId: string,
): GitLabUser | undefined {
  return /^\d+$/.test(rawId) ? findUserById(state, Number(rawId)) : undefined;
}

export function findUserByUsername(
  state: GitLabState,
  username: string,
): GitLabUser | undefined {
  const wanted = username.toLowerCase();
  return state.users.find(user => user.username.toLowerCase() === wanted);
}

export function namespaceById(
  state: GitLabState,
  id: number,
): GitLabNamespace | undefined {
  return state.namespaces.find(namespace => namespace.id === id);
}
