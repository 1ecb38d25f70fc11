import type { HarborRobot, HarborState } from './HarborState';
import { isGrantable } from './robotPermissions';

/** A refusal: HTTP status, Harbor error code and message. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
}

const ROBOT_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const MAX_INT32 = 2147483647;

const badRequest = (message: string): Refusal => ({
  status: 400,
  code: 'BAD_REQUEST',
  message,
});

type RobotPermissionBody = {
  kind?: string;
  namespace?: string;
  access?: Array<{ resource?: string; action?: string }>;
};

/**
 * The checks of handler/robot.go (`validateName`, `validate`) and of the
 * project lookup that follows, in the same order, for a RobotCreate body.
 */
export function robotCreateRefusal(
  state: HarborState,
  robot: {
    name?: string;
    level?: string;
    duration?: number;
    permissions?: RobotPermissionBody[];
  },
): Refusal | undefined {
  if (!ROBOT_NAME.test(robot.name ?? '')) {
    return badRequest(
      'robot name is not in lower case or contains illegal characters',
    );
  }
  // An omitted duration decodes as 0, which Harbor refuses.
  const refusal = robotValidationRefusal(
    robot.duration ?? 0,
    robot.level ?? '',
    robot.permissions ?? [],
  );
  if (refusal) {
    return refusal;
  }
  const permissions = robot.permissions ?? [];
  if (robot.level === 'project') {
    const [permission] = permissions;
    if (permission.kind !== 'project') {
      return badRequest(`bad request permission level: ${permission.kind}`);
    }
    if (!state.projects.some(p => p.name === permission.namespace)) {
      return projectNotFound(permission.namespace);
    }
  }
  return undefined;
}

/**
 * The checks of handler/robot.go `updateV2Robot` for a PUT body (a whole
 * Robot), in the same order: `validate` (an omitted duration keeps the
 * robot's), the project may not change, then neither the level nor the
 * name (which is the full `robot$<project>+<name>`).
 */
export function robotUpdateRefusal(
  state: HarborState,
  existing: HarborRobot,
  robot: {
    name?: string;
    level?: string;
    duration?: number;
    permissions?: RobotPermissionBody[];
  },
): Refusal | undefined {
  const refusal = robotValidationRefusal(
    robot.duration ?? existing.duration,
    robot.level ?? '',
    robot.permissions ?? [],
  );
  if (refusal) {
    return refusal;
  }
  if (existing.level !== 'system') {
    const namespace = robot.permissions![0].namespace;
    const project = state.projects.find(p => p.name === namespace);
    if (!project) {
      return projectNotFound(namespace);
    }
    if (project.project_id !== existing.project_id) {
      return badRequest('cannot update the project id of robot');
    }
  }
  if (robot.level !== existing.level || robot.name !== existing.name) {
    return badRequest('cannot update the level or name of robot');
  }
  return undefined;
}

/** handler/robot.go `validate`: duration, level and permissions. */
function robotValidationRefusal(
  duration: number,
  level: string,
  permissions: RobotPermissionBody[],
): Refusal | undefined {
  if (!(duration === -1 || (duration > 0 && duration < MAX_INT32))) {
    return badRequest(
      `bad request error duration input: ${duration}, duration must be either -1(Never) or a positive integer`,
    );
  }
  if (level !== 'project' && level !== 'system') {
    return badRequest(`bad request error level input: ${level}`);
  }
  if (permissions.length === 0) {
    return badRequest('bad request empty permission');
  }
  if (permissions.some(permission => (permission.access ?? []).length === 0)) {
    return badRequest('bad request empty access');
  }
  if (level === 'project' && permissions.length > 1) {
    return badRequest('bad request permission');
  }
  for (const permission of permissions) {
    const kind = permission.kind ?? '';
    if (kind !== 'project' && kind !== 'system') {
      return badRequest(`bad request permission level: ${kind}`);
    }
    for (const access of permission.access ?? []) {
      if (!isGrantable(kind, access.resource ?? '', access.action ?? '')) {
        return badRequest(
          `bad request permission: ${access.resource}:${access.action}`,
        );
      }
    }
  }
  return undefined;
}

function projectNotFound(namespace: string | undefined): Refusal {
  return {
    status: 404,
    code: 'NOT_FOUND',
    message: `project ${namespace} not found`,
  };
}

/** Rule for secrets chosen by the client (robot controller IsValidSec). */
export function isValidRobotSecret(secret: string): boolean {
  return (
    secret.length >= 8 &&
    secret.length <= 128 &&
    /[A-Z]/.test(secret) &&
    /[a-z]/.test(secret) &&
    /[0-9]/.test(secret)
  );
}
