import { LoggerService } from '@backstage/backend-plugin-api';
import {
  GitLabClientFactory,
  HarborClient,
  ProjectScope,
  RobotPermission,
  RobotTarget,
  issueBoundRobot,
} from '@wombat/plugin-wombat-node';
import {
  GitLabDelivery,
  deliverToGitLab,
  isDeliveredToGitLab,
  protectGitLabVariables,
} from './gitlabDelivery';

/** What a checkpoint keeps about the robot: never its secret. */
export type RobotRecord = {
  robotName: string;
  robotId: number;
  created: boolean;
};

/**
 * Creates the project robot, bound to the project and to its GitLab
 * target, and delivers its secret, in one step so that the secret never
 * has to be stored anywhere in between. A robot bound to this target that
 * the target already holds is used as it is; one whose secret never
 * arrived (a task that failed half-way) gets a fresh secret, which is then
 * delivered. Any other robot of that name is a ConflictError and keeps its
 * secret.
 */
export async function ensureRobot(options: {
  harbor: HarborClient;
  gitlab: GitLabClientFactory;
  scope: ProjectScope;
  project: { id: number; name: string };
  name: string;
  description?: string;
  permissions: RobotPermission[];
  durationDays: number;
  target: RobotTarget;
  delivery: GitLabDelivery;
  adopt?: boolean;
  logger: LoggerService;
}): Promise<RobotRecord> {
  const { harbor, gitlab, delivery, logger } = options;
  const meta = { project: options.project.name, instance: harbor.name };
  const robot = await issueBoundRobot(harbor, {
    scope: options.scope,
    project: options.project,
    name: options.name,
    permissions: options.permissions,
    durationDays: options.durationDays,
    description: options.description,
    target: options.target,
    adopt: options.adopt,
    isDelivered: ({ name }) => isDeliveredToGitLab(gitlab, delivery, name),
  });
  if (robot.delivered) {
    await protectGitLabVariables(gitlab, delivery, [
      delivery.usernameKey,
      delivery.passwordKey,
    ]);
    logger.info(
      `Harbor robot ${robot.name} exists and is delivered; using it`,
      meta,
    );
    return { robotName: robot.name, robotId: robot.id, created: false };
  }
  logger.info(
    robot.created
      ? `Created Harbor robot ${robot.name}`
      : `Harbor robot ${robot.name} existed without its credentials in GitLab; gave it a new secret`,
    meta,
  );
  await deliverToGitLab(gitlab, delivery, robot);
  logger.info(
    `Stored the credentials of ${robot.name} as GitLab CI/CD variables`,
    { gitlabProject: String(delivery.projectId) },
  );
  return { robotName: robot.name, robotId: robot.id, created: robot.created };
}
