import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  HarborClient,
  HarborRobot,
  ProjectScope,
  RancherKubernetes,
  RobotTarget,
  readHarborProjectStamps,
  readRobotBinding,
  robotDescription,
  robotTargetWord,
} from '@wombat/plugin-wombat-node';
import { PROJECT_STAMP_KEY } from './stamps';

/** A Harbor project, as the robot calls need it. */
export interface PullProject {
  id: number;
  name: string;
}

/** Where a pull robot's credentials go: a Secret in a namespace. */
export type PullTarget = Extract<RobotTarget, { kind: 'namespace' }>;

/** The user a dockerconfigjson Secret holds for a registry, if any. */
function registryUser(
  data: Record<string, string> | undefined,
  registry: string,
): string | undefined {
  try {
    const config = JSON.parse(
      Buffer.from(data?.['.dockerconfigjson'] ?? '', 'base64').toString('utf8'),
    );
    return config?.auths?.[registry]?.username;
  } catch {
    return undefined;
  }
}

/**
 * The Wombat project's Harbor project: it must exist and carry the
 * project's stamp, so that no namespace gets a robot of a registry that is
 * another project's. HEAD first: a GET of a missing project is a 403 for
 * users who are not system admins.
 */
export async function requireOwnHarborProject(
  harbor: HarborClient,
  scope: ProjectScope,
  name: string,
): Promise<PullProject> {
  const found = (await harbor.projectExists(name))
    ? await harbor.getProject(name)
    : undefined;
  if (!found) {
    throw new InputError(
      `Harbor project ${name} does not exist on instance ${harbor.name}; create it first with harbor:project:create`,
    );
  }
  const project = { id: found.project_id, name };
  const stamps = await readHarborProjectStamps(harbor, project);
  if (stamps.length !== 1 || stamps[0] !== scope.ref) {
    throw new ConflictError(
      `Harbor project ${name} on instance ${harbor.name} is not stamped for ${scope.ref}; create it with harbor:project:create for this project first`,
    );
  }
  return project;
}

/** Whether a robot may only pull from the project's repositories. */
function pullsOnly(robot: HarborRobot): boolean {
  const actions = robot.permissions
    .flatMap(permission => permission.access)
    .filter(access => access.resource === 'repository')
    .map(access => access.action);
  return actions.length > 0 && actions.every(action => action === 'pull');
}

/**
 * The project's pull robot of that name, if it exists. A robot serves one
 * target: one Wombat created for this project and this very Secret is
 * used; any other (another project's, one delivering elsewhere, one Wombat
 * did not describe) is a conflict, and never gets a new secret, which
 * would break its own target and hand its access to this one.
 */
export async function findPullRobot(
  harbor: HarborClient,
  scope: ProjectScope,
  project: PullProject,
  robotName: string,
  target: PullTarget,
): Promise<HarborRobot | undefined> {
  const robot = (await harbor.listProjectRobots(project.id)).find(r =>
    r.name.endsWith(`${project.name}+${robotName}`),
  );
  if (!robot) {
    return undefined;
  }
  const binding = readRobotBinding(robot.description);
  if (binding.stamps.length !== 1 || binding.stamps[0] !== scope.ref) {
    throw new ConflictError(
      `Harbor robot ${robot.name} exists but was not created by Wombat for ${scope.ref}; choose another robotName`,
    );
  }
  if (binding.target !== robotTargetWord(target)) {
    throw new ConflictError(
      `Harbor robot ${robot.name} delivers to another target than Secret ${target.namespace}/${target.secret} on ${target.cluster}, and a robot serves one target only; choose another robotName`,
    );
  }
  if (!pullsOnly(robot)) {
    throw new ConflictError(
      `Harbor robot ${robot.name} may do more than pull; the template asks for a pull-only robot`,
    );
  }
  return robot;
}

/**
 * An image-pull Secret holding the project's pull-only robot for this
 * target. The robot's secret goes from Harbor's answer into the Secret's
 * data and nowhere else: not into outputs, logs or checkpoints. A Secret
 * that already holds the robot is left alone, a Secret of that name holding
 * anything else is a conflict. Otherwise the robot is created, bound to the
 * target in its description, or, when it exists for this very target (its
 * Secret was not written), given a fresh secret, since Harbor shows one
 * only once.
 */
export async function ensurePullSecret(options: {
  kubernetes: RancherKubernetes;
  harbor: HarborClient;
  scope: ProjectScope;
  project: PullProject;
  robotName: string;
  target: PullTarget;
  logger: LoggerService;
}): Promise<{ robotName: string; created: boolean }> {
  const { kubernetes, harbor, scope, project, target, logger } = options;
  const { namespace, secret: secretName } = target;
  const { registry } = harbor;
  const robot = await findPullRobot(
    harbor,
    scope,
    project,
    options.robotName,
    target,
  );
  const existing = await kubernetes.readSecret(namespace, secretName);
  if (existing) {
    const holds = registryUser(existing.data, registry);
    if (robot && holds === robot.name) {
      logger.info(
        `Secret ${namespace}/${secretName} already holds ${holds}; using it`,
      );
      return { robotName: holds, created: false };
    }
    throw new ConflictError(
      `Secret ${namespace}/${secretName} already exists and does not hold the Harbor robot ${project.name}+${options.robotName}; choose another secretName`,
    );
  }

  const credentials = robot
    ? {
        name: robot.name,
        secret: await harbor.refreshRobotSecret(robot.id),
        created: false,
      }
    : {
        ...(await harbor.createRobot({
          name: options.robotName,
          description: robotDescription(
            scope.stamp,
            target,
            `Pulls images into namespace ${namespace}`,
          ),
          level: 'project',
          duration: -1,
          permissions: [
            {
              kind: 'project',
              namespace: project.name,
              access: [{ resource: 'repository', action: 'pull' }],
            },
          ],
        })),
        created: true,
      };
  const auth = Buffer.from(
    `${credentials.name}:${credentials.secret}`,
  ).toString('base64');
  const dockerConfig = JSON.stringify({
    auths: {
      [registry]: {
        username: credentials.name,
        password: credentials.secret,
        auth,
      },
    },
  });
  await kubernetes.createSecret(namespace, {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/dockerconfigjson',
    metadata: {
      name: secretName,
      namespace,
      annotations: { [PROJECT_STAMP_KEY]: scope.ref },
    },
    data: { '.dockerconfigjson': Buffer.from(dockerConfig).toString('base64') },
  });
  logger.info(
    `Stored the credentials of Harbor robot ${credentials.name} in Secret ${namespace}/${secretName}`,
  );
  return { robotName: credentials.name, created: credentials.created };
}
