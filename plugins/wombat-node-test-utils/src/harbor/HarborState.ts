/**
 * In-memory state of the Harbor fake, as plain objects and arrays that tests
 * can read directly.
 */

/** @public */
export interface HarborUser {
  user_id: number;
  username: string;
}

/** A user group (LDAP, HTTP or OIDC) known to Harbor. @public */
export interface HarborUserGroup {
  id: number;
  group_name: string;
  group_type: number;
}

/** @public */
export interface HarborMember {
  id: number;
  project_id: number;
  entity_name: string;
  entity_type: 'u' | 'g';
  entity_id: number;
  role_id: number;
  role_name: string;
}

/** @public */
export interface HarborWebhookTarget {
  type: string;
  address: string;
  auth_header?: string;
  skip_cert_verify: boolean;
  payload_format?: string;
}

/** @public */
export interface HarborWebhookPolicy {
  id: number;
  name: string;
  description: string;
  project_id: number;
  enabled: boolean;
  event_types: string[];
  targets: HarborWebhookTarget[];
  creator: string;
  creation_time: string;
  update_time: string;
}

/** @public */
export interface HarborProject {
  project_id: number;
  name: string;
  owner_id: number;
  owner_name: string;
  /** Metadata values are strings, e.g. `public: 'false'`. */
  metadata: Record<string, string>;
  /** Storage quota in bytes, -1 for unlimited. */
  storage_limit: number;
  repo_count: number;
  creation_time: string;
  update_time: string;
  members: HarborMember[];
  webhookPolicies: HarborWebhookPolicy[];
}

/** @public */
export interface HarborRobotAccess {
  resource: string;
  action: string;
  effect?: string;
}

/** @public */
export interface HarborRobotPermission {
  kind: string;
  namespace: string;
  access: HarborRobotAccess[];
}

/** @public */
export interface HarborRobot {
  id: number;
  /** Full name, `robot$<project>+<name>` for project robots. */
  name: string;
  description: string;
  level: 'project' | 'system';
  /** Project id for project robots, 0 for system robots. */
  project_id: number;
  duration: number;
  disable: boolean;
  /** Unix seconds, -1 when it never expires. */
  expires_at: number;
  permissions: HarborRobotPermission[];
  /** Current secret; only POST /robots and PATCH /robots/{id} reveal it. */
  secret: string;
  creation_time: string;
  update_time: string;
}

/** Next ids handed out. @public */
export interface HarborSequences {
  project: number;
  member: number;
  robot: number;
  webhookPolicy: number;
}

/** @public */
export interface HarborState {
  users: HarborUser[];
  groups: HarborUserGroup[];
  projects: HarborProject[];
  robots: HarborRobot[];
  sequences: HarborSequences;
}

/** Takes the next id of a sequence. */
export function nextHarborId(
  state: HarborState,
  sequence: keyof HarborSequences,
): number {
  const id = state.sequences[sequence];
  state.sequences[sequence] = id + 1;
  return id;
}
