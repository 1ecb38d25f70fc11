import { coreV1Routes } from '../../kubernetes/coreV1Routes';
import { rbacV1Routes } from '../../kubernetes/rbacV1Routes';
import { unknownPath } from '../../kubernetes/status';
import type { IncomingRequest } from '../../shared/incomingRequest';
import { decodeSegment, findRoute } from '../../shared/routing';
import { rancherNamespaceHooks } from '../namespaceProjects';
import { normanError } from '../normanResponses';
import type { RancherState } from '../RancherState';

const PROXY_PREFIX = /^\/k8s\/clusters\/([^/]+)(\/.*)?$/;
const KUBERNETES_ROUTES = [...coreV1Routes, ...rbacV1Routes];

/** Whether a raw path goes to Rancher's proxy to a downstream cluster. */
export function isKubernetesProxyPath(path: string): boolean {
  return PROXY_PREFIX.test(path);
}

/**
 * Rancher's `/k8s/clusters/<clusterId>` proxy to a downstream cluster's API
 * server, with Rancher's namespace webhook and controllers in front of it.
 */
export function handleKubernetesProxy(
  state: RancherState,
  request: IncomingRequest,
  nextResourceVersion: () => string,
  violation: (message: string) => void,
): Response | Promise<Response> {
  const [, rawClusterId, rest = '/'] = PROXY_PREFIX.exec(request.apiPath)!;
  const clusterId = decodeSegment(rawClusterId) ?? rawClusterId;
  const cluster = state.kube[clusterId];
  if (
    !cluster ||
    !state.clusters.some(candidate => candidate.id === clusterId)
  ) {
    return normanError(
      'NotFound',
      `clusters.management.cattle.io ${JSON.stringify(clusterId)} not found`,
    );
  }
  const found = findRoute(KUBERNETES_ROUTES, request.method, rest);
  if (!found) {
    violation(
      `unhandled Kubernetes request ${request.method} ${request.apiPath}`,
    );
    return unknownPath();
  }
  return found.route.handle(
    {
      request,
      cluster,
      nextResourceVersion,
      violation,
      ...rancherNamespaceHooks({
        state,
        clusterId,
        cluster,
        violation,
        nextResourceVersion,
      }),
    },
    found.params,
  );
}
