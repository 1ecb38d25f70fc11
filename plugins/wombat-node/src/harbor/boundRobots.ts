import { ConflictError, InputError } from '@backstage/errors';
import { ProjectScope, claimExisting } from '../actions';
import { HARBOR_STAMP_ROBOT } from './harborProjectStamp';
import { HarborClient } from './HarborClient';
import { checkRobotPermissions, findProjectRobot } from './projectRobots';
import {
  RobotTarget,
  readRobotBinding,
  robotDescription,
  robotTargetWord,
} from './robotBinding';
import { RobotPermission, robotPermission } from './robotPermissions';
import { HarborRobot } from './types';

/**
 * A project robot Wombat is asked for: in a Harbor project already checked
 * to be the scope's (`requireStampedHarborProject`), delivering to a target
 * already checked to be the scope's.
 *
 * @public
 */
export interface BoundRobotRequest {
  scope: ProjectScope;
  /** The Harbor project. */
  project: { id: number; name: string };
  /** The robot's name within the project (Harbor: `robot$<project>+<name>`). */
  name: string;
  permissions: RobotPermission[];
  target: RobotTarget;
  /** An admin onboards a robot Wombat did not describe (it gets the binding). */
  adopt?: boolean;
}

/**
 * What may be done with the robot: `new` (none of that name), `own` (bound
 * to this project and this very target), `adopt` (undescribed, and an admin
 * adopts it).
 *
 * @public
 */
export type RobotClaim =
  | { verdict: 'new' }
  | { verdict: 'own' | 'adopt'; robot: HarborRobot };

/** Throws an InputError for a robot name Wombat keeps for itself. @public */
export function checkRobotName(field: string, name: string): void {
  if (name === HARBOR_STAMP_ROBOT) {
    throw new InputError(
      `${field} "${HARBOR_STAMP_ROBOT}" is the robot that marks the Harbor project as a Wombat project's; choose another name`,
    );
  }
}

/**
 * Decides, reading only, whether the robot may be used for the request.
 * A robot of another project, one delivering to another target, or one
 * Wombat did not describe (unless an admin adopts it) is a ConflictError
 * that names neither the other project nor the other target. Then the
 * rights must match. Dry runs call this alone; `issueBoundRobot` calls it
 * first.
 *
 * @public
 */
export async function claimProjectRobot(
  harbor: HarborClient,
  request: BoundRobotRequest,
): Promise<RobotClaim> {
  const { scope, project, name } = request;
  checkRobotName('name', name);
  const robot = await findProjectRobot(harbor, project, name);
  if (!robot) {
    return { verdict: 'new' };
  }
  const what = `Harbor robot ${robot.name}`;
  const binding = readRobotBinding(robot.description);
  const verdict = claimExisting(scope, {
    what,
    stamps: binding.stamps,
    adopt: request.adopt,
  });
  if (verdict === 'own' && binding.target !== robotTargetWord(request.target)) {
    throw new ConflictError(
      `${what} delivers its credentials somewhere else, and Wombat never gives a robot a new secret for another target; choose another robot name`,
    );
  }
  checkRobotPermissions(robot, project.name, request.permissions);
  return { verdict, robot };
}

/**
 * The robot's credentials, when the target still has to get them: a new
 * robot, or one bound to this target whose secret never arrived (a task
 * that failed half-way), given a fresh secret. `delivered` when the target
 * already holds them: nothing to do, the secret is not touched.
 *
 * @public
 */
export type IssuedRobot =
  | { delivered: true; id: number; name: string; created: false }
  | {
      delivered: false;
      id: number;
      name: string;
      /** Deliver it at once; never log, output or checkpoint it. */
      secret: string;
      created: boolean;
    };

/**
 * Creates the project robot bound to its project and target (the binding
 * is in its description from the start), or uses the one that is bound to
 * them. Only a robot bound to this very target that the target does not
 * hold yet gets a new secret. The caller delivers `secret` itself, right
 * away, because Harbor never shows it again.
 *
 * For example, GitLab CI variables:
 * `target: { kind: 'gitlab', host, path }`, `isDelivered` checks that the
 * variables hold the robot's name; a pull Secret:
 * `target: { kind: 'namespace', cluster, namespace, secret }`, `isDelivered`
 * checks that the Secret holds the robot.
 *
 * @public
 */
export async function issueBoundRobot(
  harbor: HarborClient,
  request: BoundRobotRequest & {
    /** Days; -1 never expires. Used when the robot is created. */
    durationDays: number;
    /** What the robot is for; the binding is appended to it. */
    description?: string;
    /** Whether the target already holds the credentials of this robot. */
    isDelivered(robot: { id: number; name: string }): Promise<boolean>;
  },
): Promise<IssuedRobot> {
  const { scope, project, name, target } = request;
  const claim = await claimProjectRobot(harbor, request);
  if (claim.verdict === 'new') {
    const created = await harbor.createRobot({
      name,
      description: robotDescription(scope.stamp, target, request.description),
      level: 'project',
      duration: request.durationDays,
      permissions: [robotPermission(project.name, request.permissions)],
    });
    return {
      delivered: false,
      id: created.id,
      name: created.name,
      secret: created.secret,
      created: true,
    };
  }
  const { robot } = claim;
  if (claim.verdict === 'adopt') {
    await harbor.updateRobot({
      ...robot,
      description: robotDescription(
        scope.stamp,
        target,
        request.description ?? robot.description,
      ),
    });
  }
  if (await request.isDelivered(robot)) {
    return { delivered: true, id: robot.id, name: robot.name, created: false };
  }
  const secret = await harbor.refreshRobotSecret(robot.id);
  return {
    delivered: false,
    id: robot.id,
    name: robot.name,
    secret,
    created: false,
  };
}
