import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { V1Namespace } from '@kubernetes/client-node';
import {
  OwnershipVerdict,
  ProjectScope,
  RancherKubernetes,
  claimExisting,
} from '@wombat/plugin-wombat-node';
import {
  ENVIRONMENT_LABEL,
  PROJECT_STAMP_KEY,
  readStampAnnotation,
} from './stamps';

/** The annotation that places a namespace in a Rancher project. */
export const PROJECT_ANNOTATION = 'field.cattle.io/projectId';

/** What the namespace step asks for. */
export interface NamespaceRequest {
  namespace: string;
  projectId: string;
  /** The caller's labels, already checked against the reserved keys. */
  labels: Record<string, string>;
  /** The project environment the namespace serves, if known. */
  environment?: string;
  /** The `adopt` input; only an admin gets this far with it. */
  adopt?: boolean;
}

/** The labels and annotation that say whose a namespace is. */
export function namespaceStamps(
  scope: ProjectScope,
  environment: string | undefined,
) {
  return {
    labels: {
      [PROJECT_STAMP_KEY]: scope.systemName,
      ...(environment ? { [ENVIRONMENT_LABEL]: environment } : {}),
    },
    annotations: { [PROJECT_STAMP_KEY]: scope.ref },
  };
}

/**
 * Whether an existing namespace may be used: it must carry the Wombat
 * project's stamp (or be adopted by an admin) and sit in the Rancher
 * project the step names. Only reads.
 */
export function checkExistingNamespace(
  scope: ProjectScope,
  existing: V1Namespace,
  request: NamespaceRequest,
): OwnershipVerdict {
  const verdict = claimExisting(scope, {
    what: `Namespace ${request.namespace}`,
    stamps: readStampAnnotation(existing.metadata?.annotations),
    adopt: request.adopt,
  });
  const project = existing.metadata?.annotations?.[PROJECT_ANNOTATION];
  if (project !== request.projectId) {
    throw new ConflictError(
      `Namespace ${request.namespace} already exists ${
        project ? 'in another Rancher project' : 'outside any Rancher project'
      }; the template puts it in ${request.projectId}`,
    );
  }
  return verdict;
}

/**
 * Creates the namespace in the Rancher project, stamped for the Wombat
 * project (Rancher's controller then labels it with the Rancher project),
 * uses it when it is already the Wombat project's and in that Rancher
 * project, or stamps it when an admin adopts it.
 */
export async function ensureNamespace(
  kubernetes: RancherKubernetes,
  scope: ProjectScope,
  request: NamespaceRequest,
  logger: LoggerService,
): Promise<{ created: boolean }> {
  const stamps = namespaceStamps(scope, request.environment);
  const existing = await kubernetes.readNamespace(request.namespace);
  if (existing) {
    const verdict = checkExistingNamespace(scope, existing, request);
    if (verdict === 'adopt') {
      await kubernetes.patchNamespaceMetadata(request.namespace, stamps);
      logger.info(
        `Adopted namespace ${request.namespace} (in ${request.projectId}) into ${scope.ref}`,
      );
    } else {
      logger.info(
        `Namespace ${request.namespace} exists in ${request.projectId} and is ${scope.ref}'s; using it`,
      );
    }
    return { created: false };
  }
  await kubernetes.createNamespace({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: request.namespace,
      labels: { ...request.labels, ...stamps.labels },
      annotations: {
        [PROJECT_ANNOTATION]: request.projectId,
        ...stamps.annotations,
      },
    },
  });
  logger.info(`Created namespace ${request.namespace} in ${request.projectId}`);
  return { created: true };
}
