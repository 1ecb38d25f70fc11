import { randomInt } from 'crypto';
import { decodeSegment } from '../../shared/routing';
import type { HarborContext, HarborRoute } from '../HarborContext';
import type { HarborRobot } from '../HarborState';
import { nextHarborId } from '../HarborState';
import { parseHarborQuery } from '../harborQuery';
import { harborPage } from '../pagination';
import {
  badRequest,
  conflict,
  emptyResponse,
  harborError,
  harborJson,
  notFound,
  validationFailure,
} from '../responses';
import {
  isValidRobotSecret,
  robotCreateRefusal,
  robotUpdateRefusal,
} from '../robotRules';
import { robotJson } from '../serializers';

/** Robot accounts v2: list, create, read, update, refresh the secret. */
export const robotRoutes: HarborRoute[] = [
  { method: 'GET', pattern: '/robots', handle: listRobots },
  { method: 'POST', pattern: '/robots', handle: createRobot },
  {
    method: 'GET',
    pattern: '/robots/:robot_id',
    handle(context, { robot_id: rawId }) {
      return withRobot(context, rawId, robot => harborJson(robotJson(robot)));
    },
  },
  {
    method: 'PUT',
    pattern: '/robots/:robot_id',
    handle(context, { robot_id: rawId }) {
      return withRobot(context, rawId, robot => updateRobot(context, robot));
    },
  },
  {
    method: 'PATCH',
    pattern: '/robots/:robot_id',
    handle(context, { robot_id: rawId }) {
      return withRobot(context, rawId, robot => refreshSecret(context, robot));
    },
  },
];

/**
 * `q=Level=project,ProjectID=<id>` lists a project's robots; without Level
 * only system robots are listed.
 */
function listRobots(context: HarborContext): Response {
  const query = parseHarborQuery(context.request.query.q);
  const level = query.Level?.value ?? 'system';
  if (level !== 'project' && level !== 'system') {
    context.violation(
      `GET /robots: Level must be project or system, got '${level}'`,
    );
    return badRequest('bad request error level input');
  }
  let projectId = 0;
  if (level === 'project') {
    const raw = query.ProjectID?.value;
    if (raw === undefined) {
      context.violation('GET /robots: q has Level=project but no ProjectID');
      return badRequest('must with project ID when to query project robots');
    }
    if (!/^\d+$/.test(raw)) {
      context.violation(
        `GET /robots: ProjectID must be a number, got '${raw}'`,
      );
      return badRequest('Project ID must be int type.');
    }
    projectId = Number(raw);
  }
  const robots = context.state.robots.filter(
    robot => robot.level === level && robot.project_id === projectId,
  );
  return harborPage(context, robots, robotJson);
}

function createRobot(context: HarborContext): Response {
  const { state } = context;
  const body = context.body ?? {};
  const refusal = robotCreateRefusal(state, body);
  if (refusal) {
    context.violation(`POST /robots: ${refusal.message}`);
    return harborError(refusal.status, refusal.code, refusal.message);
  }
  const level: 'project' | 'system' = body.level;
  const project =
    level === 'project'
      ? state.projects.find(p => p.name === body.permissions[0].namespace)!
      : undefined;
  const projectId = project?.project_id ?? 0;
  if (
    state.robots.some(
      robot => robot.project_id === projectId && baseName(robot) === body.name,
    )
  ) {
    return conflict(`robot account ${projectId}:${body.name} already exists`);
  }
  // CreateRobot copies name, description and duration only: a new robot is
  // enabled whatever the body says, and only PUT /robots/{id} disables it.
  if (body.disable === true) {
    context.violation(
      'POST /robots: disable is ignored on creation, the robot is enabled; disable it with PUT /robots/{robot_id}',
    );
  }
  const now = new Date();
  const duration: number = body.duration;
  const robot: HarborRobot = {
    id: nextHarborId(state, 'robot'),
    name: project ? `robot$${project.name}+${body.name}` : `robot$${body.name}`,
    description: body.description ?? '',
    level,
    project_id: projectId,
    duration,
    disable: false,
    expires_at:
      duration === -1
        ? -1
        : Math.floor(now.getTime() / 1000) + duration * 24 * 60 * 60,
    permissions: body.permissions,
    secret: randomSecret(),
    creation_time: now.toISOString(),
    update_time: now.toISOString(),
  };
  state.robots.push(robot);
  return harborJson(
    {
      id: robot.id,
      name: robot.name,
      secret: robot.secret,
      creation_time: robot.creation_time,
      expires_at: robot.expires_at,
    },
    201,
    {
      Location: `${context.request.url.pathname.replace(/\/+$/, '')}/${
        robot.id
      }`,
    },
  );
}

/** Runs a robot handler; 422 for an id that is not a number, 404 if none. */
function withRobot(
  context: HarborContext,
  rawId: string,
  handle: (robot: HarborRobot) => Response,
): Response {
  const id = decodeSegment(rawId) ?? rawId;
  if (!/^\d+$/.test(id)) {
    context.violation(
      `${context.request.method} /robots/${rawId}: robot_id must be a number`,
    );
    return validationFailure([
      `robot_id in path must be of type int64: "${id}"`,
    ]);
  }
  const robot = context.state.robots.find(r => r.id === Number(id));
  return robot ? handle(robot) : notFound(`robot ${id} not found`);
}

/**
 * updateV2Robot: the body is a whole Robot. Description and disable are
 * replaced by what it says (left out, they become "" and false), the
 * duration only when given; permissions are replaced. Name, level and
 * project cannot change. The answer is 200 with no body.
 */
function updateRobot(context: HarborContext, robot: HarborRobot): Response {
  const body = context.body ?? {};
  const refusal = robotUpdateRefusal(context.state, robot, body);
  if (refusal) {
    context.violation(`PUT /robots/${robot.id}: ${refusal.message}`);
    return harborError(refusal.status, refusal.code, refusal.message);
  }
  const duration: number = body.duration ?? robot.duration;
  if (duration !== robot.duration) {
    robot.duration = duration;
    robot.expires_at =
      duration === -1
        ? -1
        : Math.floor(new Date(robot.creation_time).getTime() / 1000) +
          duration * 24 * 60 * 60;
  }
  robot.description = body.description ?? '';
  robot.disable = body.disable ?? false;
  robot.permissions = body.permissions;
  robot.update_time = new Date().toISOString();
  return emptyResponse(200);
}

/**
 * With a secret in the body, Harbor stores it and answers `{}`; without one
 * it generates a secret and answers it. Nothing else about the robot
 * changes.
 */
function refreshSecret(context: HarborContext, robot: HarborRobot): Response {
  const requested: string | undefined = context.body?.secret || undefined;
  if (requested !== undefined && !isValidRobotSecret(requested)) {
    const message =
      'the secret must be 8-128, inclusively, characters long with at least 1 uppercase letter, 1 lowercase letter and 1 number';
    context.violation(`PATCH /robots/${robot.id}: ${message}`);
    return badRequest(message);
  }
  robot.secret = requested ?? randomSecret();
  robot.update_time = new Date().toISOString();
  return harborJson(requested === undefined ? { secret: robot.secret } : {});
}

/** The name the client chose, without the `robot$<project>+` prefix. */
function baseName(robot: HarborRobot): string {
  return robot.name.replace(/^robot\$([^+]*\+)?/, '');
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGITS = '0123456789';

/** 32 alphanumeric characters with at least one of each class, like Harbor. */
function randomSecret(): string {
  const all = LOWER + UPPER + DIGITS;
  const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)];
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS)];
  while (chars.length < 32) {
    chars.push(pick(all));
  }
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
