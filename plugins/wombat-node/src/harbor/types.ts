/*
 * The part of Harbor's v2.0 API that Wombat uses, written by hand from
 * goharbor/harbor api/v2.0/swagger.yaml (v2.15.2). Field names are Harbor's.
 * Tests check every request body against that swagger, so these types cannot
 * drift from what the server accepts without a test failing.
 */

/** Project metadata: every value is a string, booleans too. @public */
export type HarborProjectMetadata = {
  public?: 'true' | 'false';
  [key: string]: string | undefined;
};

/** @public */
export interface HarborProject {
  project_id: number;
  name: string;
  metadata?: HarborProjectMetadata;
  owner_id?: number;
  repo_count?: number;
  creation_time?: string;
}

/** Body of POST /projects. @public */
export interface HarborProjectReq {
  project_name: string;
  metadata?: HarborProjectMetadata;
  /** Bytes; -1 is unlimited. Honoured for system admins only. */
  storage_limit?: number;
}

/** Roles a project member can have, by Harbor's role id. @public */
export const HARBOR_PROJECT_ROLES = {
  projectAdmin: 1,
  developer: 2,
  guest: 3,
  maintainer: 4,
  limitedGuest: 5,
} as const;

/** @public */
export type HarborProjectRole = keyof typeof HARBOR_PROJECT_ROLES;

/** Body of POST /projects/{project}/members. @public */
export interface HarborProjectMemberReq {
  role_id: number;
  member_user?: { username: string };
  member_group?: { group_name: string; group_type?: number };
}

/** @public */
export interface HarborProjectMember {
  id: number;
  project_id: number;
  entity_name: string;
  /** 'u' for a user, 'g' for a group. */
  entity_type: string;
  entity_id?: number;
  role_id: number;
  role_name?: string;
}

/** @public */
export interface HarborRobotAccess {
  resource: string;
  action: string;
}

/** @public */
export interface HarborRobotPermission {
  kind: 'project' | 'system';
  namespace: string;
  access: HarborRobotAccess[];
}

/**
 * Body of POST /robots. There is no `disable`: Harbor ignores it there and
 * creates every robot enabled (HarborClient.updateRobot disables one).
 *
 * @public
 */
export interface HarborRobotCreate {
  name: string;
  description?: string;
  level: 'project' | 'system';
  /** Days; -1 never expires. */
  duration: number;
  permissions: HarborRobotPermission[];
}

/** @public */
export interface HarborRobot {
  id: number;
  /** As Harbor names it, e.g. `robot$payments+ci`. */
  name: string;
  description?: string;
  level: string;
  duration: number;
  disable: boolean;
  expires_at?: number;
  permissions: HarborRobotPermission[];
}

/** Answer of POST /robots: the only time Harbor shows the secret. @public */
export interface HarborRobotCreated {
  id: number;
  name: string;
  secret: string;
  creation_time?: string;
  expires_at?: number;
}

/** @public */
export interface HarborWebhookTarget {
  type: 'http' | 'slack';
  address: string;
  auth_header?: string;
  skip_cert_verify?: boolean;
  payload_format?: 'Default' | 'CloudEvents';
}

/** @public */
export interface HarborWebhookPolicy {
  id?: number;
  name: string;
  description?: string;
  project_id?: number;
  enabled: boolean;
  event_types: string[];
  targets: HarborWebhookTarget[];
}
