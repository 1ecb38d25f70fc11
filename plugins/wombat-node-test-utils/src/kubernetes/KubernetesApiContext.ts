import type { IncomingRequest } from '../shared/incomingRequest';
import type { Route } from '../shared/routing';
import type {
  KubernetesClusterState,
  KubernetesNamespace,
} from './KubernetesState';

/**
 * What the Kubernetes routes get for one request. The hooks let the server in
 * front (Rancher) add its admission webhooks and controllers.
 */
export interface KubernetesApiContext {
  request: IncomingRequest;
  cluster: KubernetesClusterState;
  nextResourceVersion(): string;
  violation(message: string): void;
  /** A validating admission webhook for namespace creation; a Response refuses it. */
  admitNamespace?(namespace: any): Response | undefined;
  /** Runs after a namespace was stored and the answer was built, like a controller reacting to it. */
  namespaceCreated?(namespace: KubernetesNamespace): void;
  /** A validating admission webhook for namespace updates; a Response refuses it. */
  admitNamespaceUpdate?(
    namespace: any,
    previous: KubernetesNamespace,
  ): Response | undefined;
  /** Runs after a namespace update was stored, like a controller reacting to it. */
  namespaceUpdated?(
    namespace: KubernetesNamespace,
    previous: KubernetesNamespace,
  ): void;
}

export type KubernetesRoute = Route<KubernetesApiContext>;
