import type { GitLabState, GitLabVisibility } from './GitLabState';

export const VISIBILITIES: readonly GitLabVisibility[] = [
  'private',
  'internal',
  'public',
];

/**
 * Paths share one route table: under a parent, a subgroup and a project
 * cannot have the same path, and top-level groups share it with usernames.
 */
export function isPathTaken(
  state: GitLabState,
  parentId: number | null,
  path: string,
): boolean {
  const wanted = path.toLowerCase();
  return (
    state.namespaces.some(
      namespace =>
        namespace.parent_id === parentId &&
        namespace.path.toLowerCase() === wanted,
    ) ||
    state.projects.some(
      project =>
        project.namespace_id === parentId &&
        project.path.toLowerCase() === wanted,
    )
  );
}

/** A project cannot be more visible than the group that holds it. */
export function capVisibility(
  requested: GitLabVisibility,
  limit: GitLabVisibility,
): GitLabVisibility {
  return VISIBILITIES.indexOf(requested) <= VISIBILITIES.indexOf(limit)
    ? requested
    : limit;
}
