import type {
  GitLabDeployKey,
  GitLabNamespace,
  GitLabProject,
  GitLabProjectMember,
  GitLabProtectedBranch,
  GitLabState,
  GitLabUser,
  GitLabVariable,
} from './GitLabState';
import { namespaceById } from './lookup';

/** JSON bodies in the shape GitLab's API entities render them. */

export function userJson(user: GitLabUser, baseUrl: string) {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    state: user.state,
    locked: false,
    avatar_url: null,
    web_url: `${baseUrl}/${user.username}`,
  };
}

export function namespaceJson(namespace: GitLabNamespace, baseUrl: string) {
  return {
    id: namespace.id,
    name: namespace.name,
    path: namespace.path,
    kind: namespace.kind,
    full_path: namespace.full_path,
    parent_id: namespace.parent_id,
    avatar_url: null,
    web_url:
      namespace.kind === 'group'
        ? `${baseUrl}/groups/${namespace.full_path}`
        : `${baseUrl}/${namespace.full_path}`,
  };
}

export function groupJson(
  group: GitLabNamespace,
  state: GitLabState,
  baseUrl: string,
) {
  return {
    id: group.id,
    web_url: `${baseUrl}/groups/${group.full_path}`,
    name: group.name,
    path: group.path,
    description: group.description,
    visibility: group.visibility,
    full_name: fullName(group, state),
    full_path: group.full_path,
    parent_id: group.parent_id,
    created_at: group.created_at,
  };
}

function fullName(namespace: GitLabNamespace, state: GitLabState): string {
  const parent =
    namespace.parent_id === null
      ? undefined
      : namespaceById(state, namespace.parent_id);
  return parent
    ? `${fullName(parent, state)} / ${namespace.name}`
    : namespace.name;
}

export function projectJson(
  project: GitLabProject,
  state: GitLabState,
  baseUrl: string,
) {
  const namespace = namespaceById(state, project.namespace_id)!;
  const webUrl = `${baseUrl}/${project.path_with_namespace}`;
  return {
    id: project.id,
    name: project.name,
    name_with_namespace: `${fullName(namespace, state)} / ${project.name}`,
    path: project.path,
    path_with_namespace: project.path_with_namespace,
    description: project.description,
    visibility: project.visibility,
    default_branch: project.default_branch,
    empty_repo: project.empty_repo,
    topics: project.topics,
    tag_list: project.topics,
    created_at: project.created_at,
    namespace: {
      id: namespace.id,
      name: namespace.name,
      path: namespace.path,
      kind: namespace.kind,
      full_path: namespace.full_path,
      parent_id: namespace.parent_id,
    },
    http_url_to_repo: `${webUrl}.git`,
    ssh_url_to_repo: `git@${new URL(baseUrl).hostname}:${
      project.path_with_namespace
    }.git`,
    web_url: webUrl,
    archived: false,
  };
}

export function memberJson(member: GitLabProjectMember, baseUrl: string) {
  return {
    id: member.id,
    username: member.username,
    name: member.name,
    state: 'active',
    access_level: member.access_level,
    created_at: member.created_at,
    expires_at: null,
    avatar_url: null,
    web_url: `${baseUrl}/${member.username}`,
  };
}

export function deployKeyJson(key: GitLabDeployKey) {
  return {
    id: key.id,
    title: key.title,
    key: key.key,
    created_at: key.created_at,
    expires_at: null,
    can_push: key.can_push,
    fingerprint: key.fingerprint,
    fingerprint_sha256: key.fingerprint_sha256,
  };
}

export function protectedBranchJson(branch: GitLabProtectedBranch) {
  return {
    id: branch.id,
    name: branch.name,
    push_access_levels: branch.push_access_levels.map(ruleJson),
    merge_access_levels: branch.merge_access_levels.map(ruleJson),
    unprotect_access_levels: branch.unprotect_access_levels.map(ruleJson),
    allow_force_push: branch.allow_force_push,
    code_owner_approval_required: branch.code_owner_approval_required,
  };
}

function ruleJson(rule: GitLabProtectedBranch['push_access_levels'][number]) {
  return {
    id: rule.id,
    access_level: rule.access_level,
    access_level_description: rule.access_level_description,
    user_id: null,
    group_id: null,
  };
}

export function variableJson(variable: GitLabVariable) {
  return {
    variable_type: variable.variable_type,
    key: variable.key,
    value: variable.hidden ? null : variable.value,
    hidden: variable.hidden,
    protected: variable.protected,
    masked: variable.masked,
    raw: variable.raw,
    environment_scope: variable.environment_scope,
    description: variable.description,
  };
}
