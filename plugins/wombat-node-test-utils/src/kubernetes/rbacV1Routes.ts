import type { KubernetesRoute } from './KubernetesApiContext';
import { KINDS } from './kinds';
import {
  createObject,
  decoded,
  listObjects,
  readObject,
} from './objectHandlers';

const RBAC_V1 = '/apis/rbac.authorization.k8s.io/v1';

/**
 * The rbac.authorization.k8s.io/v1 endpoints the fake serves: role bindings
 * in a namespace (create, read, list) and across all namespaces (list).
 */
export const rbacV1Routes: KubernetesRoute[] = [
  {
    method: 'GET',
    pattern: `${RBAC_V1}/rolebindings`,
    handle: context => listObjects(context, KINDS.RoleBinding),
  },
  {
    method: 'GET',
    pattern: `${RBAC_V1}/namespaces/:namespace/rolebindings`,
    handle: (context, { namespace }) =>
      listObjects(context, KINDS.RoleBinding, decoded(namespace)),
  },
  {
    method: 'POST',
    pattern: `${RBAC_V1}/namespaces/:namespace/rolebindings`,
    handle: (context, { namespace }) =>
      createObject(context, KINDS.RoleBinding, decoded(namespace)),
  },
  {
    method: 'GET',
    pattern: `${RBAC_V1}/namespaces/:namespace/rolebindings/:name`,
    handle: (context, { namespace, name }) =>
      readObject(context, KINDS.RoleBinding, decoded(namespace), name),
  },
];
