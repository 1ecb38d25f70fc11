import { LoggerService } from '@backstage/backend-plugin-api';
import {
  GitLabClientFactory,
  HarborClient,
  RobotPermission,
  checkRobotPermissions,
  findProjectRobot,
  obtainRobotCredentials,
  requireHarborProject,
} from '@wombat/plugin-wombat-node';
import {
  GitLabDelivery,
  deliverToGitLab,
  isDeliveredToGitLab,
} from './gitlabDelivery';

/** What a checkpoint keeps about the robot: never its secret. */
export type RobotRecord = {
  robotName: string;
  robotId: number;
  created: boolean;
};

/**
 * Creates the project robot and delivers its secret, in one step so that
 * the secret never has to be stored anywhere in between. A robot that is
 * already delivered is adopted as it is; one whose secret was never
 * delivered (a task that failed half-way) gets a fresh secret, which is then
 * delivered.
 */
export async function ensureRobot(options: {
  harbor: HarborClient;
  gitlab: GitLabClientFactory;
  project: string;
  name: string;
  description?: string;
  permissions: RobotPermission[];
  durationDays: number;
  delivery: GitLabDelivery;
  logger: LoggerService;
}): Promise<RobotRecord> {
  const { harbor, gitlab, name, delivery, logger } = options;
  const { project_id: id } = await requireHarborProject(
    harbor,
    options.project,
  );
  const project = { id, name: options.project };

  const existing = await findProjectRobot(harbor, project, name);
  if (existing) {
    checkRobotPermissions(existing, project.name, options.permissions);
    if (await isDeliveredToGitLab(gitlab, delivery)) {
      logger.info(
        `Harbor robot ${existing.name} exists and is delivered; using it`,
      );
      return { robotName: existing.name, robotId: existing.id, created: false };
    }
  }
  const robot = await obtainRobotCredentials(harbor, {
    project,
    name,
    permissions: options.permissions,
    durationDays: options.durationDays,
    description: options.description,
  });
  logger.info(
    robot.created
      ? `Created Harbor robot ${robot.name}`
      : `Harbor robot ${robot.name} existed without its credentials in GitLab; gave it a new secret`,
    { project: project.name, instance: harbor.name },
  );
  await deliverToGitLab(gitlab, delivery, robot);
  logger.info(
    `Stored the credentials of ${robot.name} as GitLab CI/CD variables`,
    {
      gitlabProject: String(delivery.projectId),
    },
  );
  return { robotName: robot.name, robotId: robot.id, created: robot.created };
}
