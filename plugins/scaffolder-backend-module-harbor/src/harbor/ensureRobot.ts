import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { GitLabClientFactory, HarborClient } from '@wombat/plugin-wombat-node';
import {
  GitLabDelivery,
  deliverToGitLab,
  isDeliveredToGitLab,
} from './gitlabDelivery';
import {
  repositoryActions,
  RobotPermission,
  robotPermission,
} from './robotPermissions';
import { requireProject } from './requireProject';

/** What a checkpoint keeps about the robot: never its secret. */
export type RobotRecord = {
  robotName: string;
  robotId: number;
  created: boolean;
};

/**
 * Creates the project robot and delivers its secret, in one step so that
 * the secret never has to be stored anywhere in between. Harbor shows a
 * secret only when it creates or refreshes it, so a robot that exists but
 * whose secret was never delivered (a task that failed half-way) gets a
 * fresh secret, which is then delivered.
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
  const { harbor, gitlab, project, name, delivery, logger } = options;
  const { project_id: projectId } = await requireProject(harbor, project);
  const wanted = robotPermission(project, options.permissions);
  const existing = (await harbor.listProjectRobots(projectId)).find(r =>
    // The "robot$" prefix is configurable in Harbor; the rest is not.
    r.name.endsWith(`${project}+${name}`),
  );

  if (existing) {
    const has = repositoryActions(existing.permissions);
    const wants = repositoryActions([wanted]);
    if (has !== wants) {
      throw new ConflictError(
        `Harbor robot ${existing.name} already exists with repository permissions ${has}; the template asks for ${wants}`,
      );
    }
    if (await isDeliveredToGitLab(gitlab, delivery)) {
      logger.info(
        `Harbor robot ${existing.name} exists and is delivered; using it`,
      );
      return { robotName: existing.name, robotId: existing.id, created: false };
    }
    const secret = await harbor.refreshRobotSecret(existing.id);
    await deliverToGitLab(gitlab, delivery, { name: existing.name, secret });
    logger.info(
      `Harbor robot ${existing.name} existed without its credentials in GitLab; gave it a new secret and delivered it`,
    );
    return { robotName: existing.name, robotId: existing.id, created: false };
  }

  const created = await harbor.createRobot({
    name,
    description: options.description,
    level: 'project',
    duration: options.durationDays,
    disable: false,
    permissions: [wanted],
  });
  logger.info(`Created Harbor robot ${created.name}`, {
    project,
    instance: harbor.name,
  });
  await deliverToGitLab(gitlab, delivery, created);
  logger.info(
    `Stored the credentials of ${created.name} as GitLab CI/CD variables`,
    {
      gitlabProject: String(delivery.projectId),
    },
  );
  return { robotName: created.name, robotId: created.id, created: true };
}
