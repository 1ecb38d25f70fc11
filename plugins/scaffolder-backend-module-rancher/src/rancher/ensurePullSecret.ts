import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  HarborClient,
  RancherKubernetes,
  obtainRobotCredentials,
  requireHarborProject,
} from '@wombat/plugin-wombat-node';

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
 * An image-pull Secret for the Harbor project, holding a pull-only project
 * robot. The robot's secret goes from Harbor's answer into the Secret's data
 * and nowhere else: not into outputs, logs or checkpoints. A Secret that
 * already holds that robot is left alone, a Secret of that name holding
 * anything else is a conflict; otherwise the robot is created (or given a
 * fresh secret, since Harbor shows one only once) and the Secret written.
 */
export async function ensurePullSecret(options: {
  kubernetes: RancherKubernetes;
  harbor: HarborClient;
  namespace: string;
  secretName: string;
  harborProject: string;
  robotName: string;
  logger: LoggerService;
}): Promise<{ robotName: string; created: boolean }> {
  const { kubernetes, harbor, namespace, secretName, logger } = options;
  const { registry } = harbor;
  const project = await requireHarborProject(harbor, options.harborProject);
  const existing = await kubernetes.readSecret(namespace, secretName);
  const holds = registryUser(existing?.data, registry);
  if (
    holds &&
    holds.endsWith(`${options.harborProject}+${options.robotName}`)
  ) {
    logger.info(
      `Secret ${namespace}/${secretName} already holds ${holds}; using it`,
    );
    return { robotName: holds, created: false };
  }
  if (existing) {
    throw new ConflictError(
      `Secret ${namespace}/${secretName} already exists and does not hold the Harbor robot ${options.harborProject}+${options.robotName}; choose another secretName`,
    );
  }

  const robot = await obtainRobotCredentials(harbor, {
    project: { id: project.project_id, name: options.harborProject },
    name: options.robotName,
    permissions: ['pull'],
    durationDays: -1,
    description: `Pulls images into namespace ${namespace}`,
  });
  const auth = Buffer.from(`${robot.name}:${robot.secret}`).toString('base64');
  const dockerConfig = JSON.stringify({
    auths: {
      [registry]: { username: robot.name, password: robot.secret, auth },
    },
  });
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/dockerconfigjson',
    metadata: { name: secretName, namespace },
    data: { '.dockerconfigjson': Buffer.from(dockerConfig).toString('base64') },
  };
  await kubernetes.createSecret(namespace, secret);
  logger.info(
    `Stored the credentials of Harbor robot ${robot.name} in Secret ${namespace}/${secretName}`,
  );
  return { robotName: robot.name, created: robot.created };
}
