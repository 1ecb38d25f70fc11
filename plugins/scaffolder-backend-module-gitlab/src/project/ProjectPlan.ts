import type { GitLabVariableSpec } from '@wombat/plugin-wombat-node';

/** Everything gitlab:project:create will do, validated before any request. */
export interface ProjectPlan {
  /** An admin onboards existing groups and the project, stamping them. */
  adopt: boolean;
  host: string;
  /** The namespace path, e.g. `platform/payments`. */
  groupPath: string;
  /** The project's own path segment. */
  name: string;
  /** `groupPath/name`. */
  projectPath: string;
  visibility: 'private' | 'internal' | 'public';
  defaultBranch: string;
  description?: string;
  /** As GitLab stores them: split on commas, trimmed; never a stamp. */
  topics: string[];
  sourcePath?: string;
  members: Array<{ username: string; accessLevel: number }>;
  deployKeys: Array<{ title: string; key: string; canPush: boolean }>;
  protectedBranches: Array<{
    name: string;
    pushAccessLevel: number;
    mergeAccessLevel: number;
    allowForcePush: boolean;
  }>;
  variables: Array<GitLabVariableSpec & { environmentScope: string }>;
}

/** What a checkpoint remembers about the project. */
export interface ProjectRecord {
  id: number;
  created: boolean;
  pathWithNamespace: string;
  webUrl: string;
  httpUrl: string;
  sshUrl: string;
  [key: string]: string | number | boolean;
}
