import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { RancherKubernetes } from '@wombat/plugin-wombat-node';

/** The annotation that places a namespace in a Rancher project. */
export const PROJECT_ANNOTATION = 'field.cattle.io/projectId';

/**
 * Creates the namespace in the project (Rancher's controller then labels it),
 * or adopts it when it is already in that project. A namespace in another
 * project, or in none, is someone else's: a conflict.
 */
export async function ensureNamespace(
  kubernetes: RancherKubernetes,
  request: {
    namespace: string;
    projectId: string;
    labels: Record<string, string>;
  },
  logger: LoggerService,
): Promise<{ created: boolean }> {
  const existing = await kubernetes.readNamespace(request.namespace);
  if (existing) {
    const project = existing.metadata?.annotations?.[PROJECT_ANNOTATION];
    if (project !== request.projectId) {
      throw new ConflictError(
        `Namespace ${request.namespace} already exists ${
          project
            ? `in Rancher project ${project}`
            : 'outside any Rancher project'
        }; the template puts it in ${request.projectId}`,
      );
    }
    logger.info(
      `Namespace ${request.namespace} exists in ${request.projectId}; using it`,
    );
    return { created: false };
  }
  await kubernetes.createNamespace({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: request.namespace,
      labels: request.labels,
      annotations: { [PROJECT_ANNOTATION]: request.projectId },
    },
  });
  logger.info(`Created namespace ${request.namespace} in ${request.projectId}`);
  return { created: true };
}
