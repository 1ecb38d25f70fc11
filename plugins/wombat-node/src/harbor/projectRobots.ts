import { ConflictError } from '@backstage/errors';
import { HarborClient } from './HarborClient';
import {
  RobotPermission,
  repositoryActions,
  robotPermission,
} from './robotPermissions';
import { HarborRobot } from './types';

/**
 * The project robot called `name`, if any. Harbor names it
 * `robot$<project>+<name>`; the `robot$` prefix is configurable, the rest is
 * not.
 *
 * @public
 */
export async function findProjectRobot(
  harbor: HarborClient,
  project: { id: number; name: string },
  name: string,
): Promise<HarborRobot | undefined> {
  return (await harbor.listProjectRobots(project.id)).find(r =>
    r.name.endsWith(`${project.name}+${name}`),
  );
}

/**
 * Throws a ConflictError when an existing robot has other repository rights
 * than asked for.
 *
 * @public
 */
export function checkRobotPermissions(
  robot: HarborRobot,
  project: string,
  permissions: RobotPermission[],
) {
  const has = repositoryActions(robot.permissions);
  const wants = repositoryActions([robotPermission(project, permissions)]);
  if (has !== wants) {
    throw new ConflictError(
      `Harbor robot ${robot.name} already exists with repository permissions ${has}; the template asks for ${wants}`,
    );
  }
}

/** A robot's name and a secret that works now. @public */
export interface RobotCredentials {
  id: number;
  name: string;
  secret: string;
  /** Whether the robot was created now rather than found. */
  created: boolean;
}

/**
 * Credentials of the project robot: a new robot, or, since Harbor shows a
 * secret only once, an existing one (with the same rights) given a fresh
 * secret. The caller must deliver the secret, and never log or output it.
 *
 * @public
 * @deprecated Gives any existing robot of that name a new secret, whoever
 * it belongs to and wherever its secret was delivered. Use
 * `issueBoundRobot`, which binds the robot to its project and target and
 * never rotates a robot for another target.
 */
export async function obtainRobotCredentials(
  harbor: HarborClient,
  request: {
    project: { id: number; name: string };
    name: string;
    permissions: RobotPermission[];
    durationDays: number;
    description?: string;
  },
): Promise<RobotCredentials> {
  const { project, name, permissions } = request;
  const existing = await findProjectRobot(harbor, project, name);
  if (existing) {
    checkRobotPermissions(existing, project.name, permissions);
    const secret = await harbor.refreshRobotSecret(existing.id);
    return { id: existing.id, name: existing.name, secret, created: false };
  }
  const created = await harbor.createRobot({
    name,
    description: request.description,
    level: 'project',
    duration: request.durationDays,
    permissions: [robotPermission(project.name, permissions)],
  });
  return {
    id: created.id,
    name: created.name,
    secret: created.secret,
    created: true,
  };
}
