import type { KubernetesRoute } from './KubernetesApiContext';
import { coreKindOfResource, KINDS, type KindInfo } from './kinds';
import {
  createObject,
  decoded,
  listObjects,
  patchObject,
  readObject,
} from './objectHandlers';
import { unknownPath } from './status';

/**
 * The core/v1 endpoints the fake serves: namespaces (create, read, list,
 * merge patch), and resource quotas, limit ranges and secrets inside a
 * namespace (create, read, list).
 */
export const coreV1Routes: KubernetesRoute[] = [
  {
    method: 'GET',
    pattern: '/api/v1/namespaces',
    handle: context => listObjects(context, KINDS.Namespace),
  },
  {
    method: 'POST',
    pattern: '/api/v1/namespaces',
    handle: context => createObject(context, KINDS.Namespace),
  },
  {
    method: 'GET',
    pattern: '/api/v1/namespaces/:name',
    handle: (context, { name }) =>
      readObject(context, KINDS.Namespace, undefined, name),
  },
  {
    method: 'PATCH',
    pattern: '/api/v1/namespaces/:name',
    handle: (context, { name }) =>
      patchObject(context, KINDS.Namespace, undefined, name),
  },
  {
    method: 'GET',
    pattern: '/api/v1/namespaces/:namespace/:resource',
    handle: (context, { namespace, resource }) =>
      withNamespacedKind(resource, kind =>
        listObjects(context, kind, decoded(namespace)),
      ),
  },
  {
    method: 'POST',
    pattern: '/api/v1/namespaces/:namespace/:resource',
    handle: (context, { namespace, resource }) =>
      withNamespacedKind(resource, kind =>
        createObject(context, kind, decoded(namespace)),
      ),
  },
  {
    method: 'GET',
    pattern: '/api/v1/namespaces/:namespace/:resource/:name',
    handle: (context, { namespace, resource, name }) =>
      withNamespacedKind(resource, kind =>
        readObject(context, kind, decoded(namespace), name),
      ),
  },
];

function withNamespacedKind(
  resource: string,
  handle: (kind: KindInfo) => Response,
): Response {
  const kind = coreKindOfResource(resource);
  return kind?.namespaced ? handle(kind) : unknownPath();
}
