import { accessLevelDescription, MAINTAINER_ACCESS } from './accessLevels';
import type {
  GitLabNamespace,
  GitLabProject,
  GitLabProtectedBranch,
  GitLabState,
  GitLabVisibility,
} from './GitLabState';
import { nextId } from './GitLabState';

/** What it takes to store a new project. */
export interface NewProject {
  name: string;
  path: string;
  namespace: GitLabNamespace;
  description: string | null;
  visibility: GitLabVisibility;
  defaultBranch: string;
  emptyRepo: boolean;
  topics: string[];
}

/**
 * Stores a project the way an instance with default settings leaves it: the
 * default branch protected (push and merge: Maintainers, no force push), and
 * the owner of a personal namespace as an Owner member.
 */
export function addProject(
  state: GitLabState,
  input: NewProject,
): GitLabProject {
  const now = new Date().toISOString();
  const project: GitLabProject = {
    id: nextId(state, 'project'),
    name: input.name,
    path: input.path,
    path_with_namespace: `${input.namespace.full_path}/${input.path}`,
    namespace_id: input.namespace.id,
    description: input.description,
    visibility: input.visibility,
    default_branch: input.defaultBranch,
    empty_repo: input.emptyRepo,
    topics: input.topics,
    created_at: now,
    members: [],
    deployKeys: [],
    protectedBranches: [],
    variables: [],
  };
  project.protectedBranches.push(
    newProtectedBranch(state, {
      name: input.defaultBranch,
      pushAccessLevel: MAINTAINER_ACCESS,
      mergeAccessLevel: MAINTAINER_ACCESS,
      allowForcePush: false,
    }),
  );
  if (input.namespace.kind === 'user') {
    const owner = state.users.find(
      user => user.namespace_id === input.namespace.id,
    );
    if (owner) {
      project.members.push({
        id: owner.id,
        username: owner.username,
        name: owner.name,
        access_level: 50,
        created_at: now,
      });
    }
  }
  state.projects.push(project);
  return project;
}

/** Builds a protected-branch rule with fresh ids. */
export function newProtectedBranch(
  state: GitLabState,
  input: {
    name: string;
    pushAccessLevel: number;
    mergeAccessLevel: number;
    unprotectAccessLevel?: number;
    allowForcePush: boolean;
    codeOwnerApprovalRequired?: boolean;
  },
): GitLabProtectedBranch {
  const rule = (level: number) => ({
    id: nextId(state, 'accessLevelRule'),
    access_level: level,
    access_level_description: accessLevelDescription(level),
  });
  return {
    id: nextId(state, 'protectedBranch'),
    name: input.name,
    push_access_levels: [rule(input.pushAccessLevel)],
    merge_access_levels: [rule(input.mergeAccessLevel)],
    unprotect_access_levels:
      input.unprotectAccessLevel === undefined
        ? []
        : [rule(input.unprotectAccessLevel)],
    allow_force_push: input.allowForcePush,
    code_owner_approval_required: input.codeOwnerApprovalRequired ?? false,
  };
}
