import { kubernetesStatus } from '../kubernetes/status';
import type { KubernetesApiContext } from '../kubernetes/KubernetesApiContext';
import type {
  KubernetesClusterState,
  KubernetesNamespace,
} from '../kubernetes/KubernetesState';
import { PROJECT_ID_ANNOTATION } from './projectIdAnnotation';
import { syncNamespaceRoleBindings } from './projectRoleBindings';
import type { RancherState } from './RancherState';

const WEBHOOK = 'rancher.cattle.io.namespaces.create-non-kubesystem';

/**
 * What Rancher adds to a downstream cluster's namespace API:
 * - the rancher-webhook namespace validator: a namespace annotated with
 *   `field.cattle.io/projectId: <clusterId>:<projectId>` is only admitted for
 *   a user with `manage-namespaces` on that project; for a project that does
 *   not exist nobody has it, so the answer is 403 (the webhook's Status uses
 *   reason `Unauthorized`);
 * - the nslabels controller, which then labels the namespace with
 *   `field.cattle.io/projectId: <projectId>`. It runs after the create
 *   returned, so the label is in later reads, not in the create answer;
 * - the RBAC controller, which gives the namespace the RoleBindings of the
 *   project's role template bindings.
 * The webhook and the controllers act on updates that move a namespace to
 * another project too.
 */
export function rancherNamespaceHooks({
  state,
  clusterId,
  cluster,
  violation,
  nextResourceVersion,
}: {
  state: RancherState;
  clusterId: string;
  cluster: KubernetesClusterState;
  violation(message: string): void;
  nextResourceVersion(): string;
}): Pick<
  KubernetesApiContext,
  | 'admitNamespace'
  | 'namespaceCreated'
  | 'admitNamespaceUpdate'
  | 'namespaceUpdated'
> {
  const admit = (namespace: any) => {
    const value = namespace.metadata?.annotations?.[PROJECT_ID_ANNOTATION];
    if (value === undefined) {
      return undefined;
    }
    const parts = String(value).split(':');
    if (parts.length < 2) {
      violation(
        `namespace annotation ${PROJECT_ID_ANNOTATION}=${JSON.stringify(
          value,
        )} must be "<clusterId>:<projectId>"`,
      );
      return kubernetesStatus(
        400,
        'BadRequest',
        `admission webhook "${WEBHOOK}" denied the request: unable to retrieve project id from annotation, too few values`,
      );
    }
    if (parts[0] !== clusterId) {
      violation(
        `namespace annotation ${PROJECT_ID_ANNOTATION}=${JSON.stringify(
          value,
        )} names cluster ${
          parts[0]
        }, but the namespace is created in ${clusterId}`,
      );
    }
    if (!state.projects.some(project => project.id === value)) {
      return kubernetesStatus(
        403,
        'Unauthorized',
        `admission webhook "${WEBHOOK}" denied the request: Unauthorized`,
      );
    }
    return undefined;
  };
  const joinProject = (namespace: KubernetesNamespace) => {
    const value = namespace.metadata.annotations?.[PROJECT_ID_ANNOTATION];
    const labels = { ...namespace.metadata.labels };
    if (value === undefined) {
      delete labels[PROJECT_ID_ANNOTATION];
    } else {
      labels[PROJECT_ID_ANNOTATION] = value.split(':')[1];
    }
    namespace.metadata.labels = labels;
    namespace.metadata.resourceVersion = nextResourceVersion();
    syncNamespaceRoleBindings(state, cluster, namespace, nextResourceVersion);
  };
  const projectOf = (namespace: any): string | undefined =>
    namespace.metadata?.annotations?.[PROJECT_ID_ANNOTATION];
  return {
    admitNamespace: admit,
    namespaceCreated(namespace) {
      if (projectOf(namespace) !== undefined) {
        joinProject(namespace);
      }
    },
    // Moving a namespace needs manage-namespaces on the project it goes
    // to; an update that leaves the annotation alone is not checked here.
    admitNamespaceUpdate: (namespace, previous) =>
      projectOf(namespace) === projectOf(previous)
        ? undefined
        : admit(namespace),
    namespaceUpdated(namespace, previous) {
      if (projectOf(namespace) !== projectOf(previous)) {
        joinProject(namespace);
      }
    },
  };
}
