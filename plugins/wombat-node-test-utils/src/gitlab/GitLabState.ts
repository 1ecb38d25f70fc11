/**
 * In-memory state of the GitLab fake. Everything is a plain object or array
 * so that tests can read (and, when needed, seed) it directly.
 */

/** @public */
export type GitLabVisibility = 'private' | 'internal' | 'public';

/** @public */
export interface GitLabUser {
  id: number;
  username: string;
  name: string;
  state: 'active';
  /** Id of the user's personal namespace, which differs from the user id. */
  namespace_id: number;
}

/** A group or a user's personal namespace. @public */
export interface GitLabNamespace {
  id: number;
  name: string;
  path: string;
  kind: 'group' | 'user';
  full_path: string;
  parent_id: number | null;
  visibility: GitLabVisibility;
  description: string;
  created_at: string;
}

/** A direct member of a project. @public */
export interface GitLabProjectMember {
  /** The user id. */
  id: number;
  username: string;
  name: string;
  access_level: number;
  created_at: string;
}

/** A deploy key enabled on a project. @public */
export interface GitLabDeployKey {
  id: number;
  title: string;
  key: string;
  can_push: boolean;
  created_at: string;
  fingerprint: string;
  fingerprint_sha256: string;
}

/** One entry of the push, merge or unprotect rules of a protected branch. @public */
export interface GitLabAccessLevelRule {
  id: number;
  access_level: number;
  access_level_description: string;
}

/** @public */
export interface GitLabProtectedBranch {
  id: number;
  name: string;
  push_access_levels: GitLabAccessLevelRule[];
  merge_access_levels: GitLabAccessLevelRule[];
  unprotect_access_levels: GitLabAccessLevelRule[];
  allow_force_push: boolean;
  code_owner_approval_required: boolean;
}

/** A CI/CD variable of a project. @public */
export interface GitLabVariable {
  key: string;
  value: string;
  variable_type: 'env_var' | 'file';
  protected: boolean;
  masked: boolean;
  hidden: boolean;
  raw: boolean;
  environment_scope: string;
  description: string | null;
}

/** @public */
export interface GitLabProject {
  id: number;
  name: string;
  path: string;
  path_with_namespace: string;
  namespace_id: number;
  description: string | null;
  visibility: GitLabVisibility;
  default_branch: string;
  /** True until a commit exists: see `markPushed` on the fake. */
  empty_repo: boolean;
  topics: string[];
  created_at: string;
  members: GitLabProjectMember[];
  deployKeys: GitLabDeployKey[];
  protectedBranches: GitLabProtectedBranch[];
  variables: GitLabVariable[];
}

/** Next ids handed out; GitLab ids only ever grow. @public */
export interface GitLabSequences {
  namespace: number;
  project: number;
  deployKey: number;
  protectedBranch: number;
  accessLevelRule: number;
}

/** @public */
export interface GitLabState {
  users: GitLabUser[];
  namespaces: GitLabNamespace[];
  projects: GitLabProject[];
  sequences: GitLabSequences;
}

/** Takes the next id of a sequence. */
export function nextId(state: GitLabState, sequence: keyof GitLabSequences) {
  const id = state.sequences[sequence];
  state.sequences[sequence] = id + 1;
  return id;
}
