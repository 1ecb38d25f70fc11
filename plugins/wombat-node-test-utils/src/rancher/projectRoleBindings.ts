import { KINDS } from '../kubernetes/kinds';
import type {
  KubernetesClusterState,
  KubernetesNamespace,
  KubernetesSubject,
} from '../kubernetes/KubernetesState';
import { findObject, storeObject } from '../kubernetes/objectHandlers';
import { RBAC_API_GROUP } from '../kubernetes/roleBindingRules';
import { PROJECT_ID_ANNOTATION } from './projectIdAnnotation';
import type {
  RancherProjectRoleTemplateBinding,
  RancherState,
} from './RancherState';
import { roleBindingName } from './roleBindingNames';
import { gatherRoles } from './roleTemplates';

/** The label that ties a RoleBinding to the binding it was made for. */
export const RTB_OWNER_LABEL = 'authz.cluster.cattle.io/rtb-owner-updated';

/**
 * Rancher's controller for project role template bindings
 * (rancher/rancher pkg/controllers/managementuser/rbac, prtb_handler.go and
 * namespace_handler.go): every binding becomes, in every namespace of its
 * project, a RoleBinding to the ClusterRole named after the role template,
 * and one to each ClusterRole that template inherits (`project-owner` also
 * binds `admin`). It runs when a binding is created and when a namespace
 * joins the project. A RoleBinding of the same name that is already there is
 * left as it is.
 */
export function syncBindingToNamespaces(
  state: RancherState,
  binding: RancherProjectRoleTemplateBinding,
  nextResourceVersion: () => string,
): void {
  const clusterId = binding.projectId.split(':')[0];
  const cluster = state.kube[clusterId];
  if (!cluster) {
    return;
  }
  for (const namespace of cluster.namespaces) {
    if (
      namespace.metadata.annotations?.[PROJECT_ID_ANNOTATION] ===
      binding.projectId
    ) {
      ensureRoleBindings(
        cluster,
        binding,
        namespace.metadata.name,
        nextResourceVersion,
      );
    }
  }
}

/** The same controller, for a namespace that joined a project. */
export function syncNamespaceRoleBindings(
  state: RancherState,
  cluster: KubernetesClusterState,
  namespace: KubernetesNamespace,
  nextResourceVersion: () => string,
): void {
  const projectId = namespace.metadata.annotations?.[PROJECT_ID_ANNOTATION];
  if (!projectId) {
    return;
  }
  for (const binding of state.projectRoleTemplateBindings) {
    if (binding.projectId === projectId) {
      ensureRoleBindings(
        cluster,
        binding,
        namespace.metadata.name,
        nextResourceVersion,
      );
    }
  }
}

/**
 * `BuildSubjectFromRTB`: a user binding names the Rancher user id (not the
 * principal), a group binding the group principal.
 */
function subjectOf(
  binding: RancherProjectRoleTemplateBinding,
): KubernetesSubject | undefined {
  if (binding.userId) {
    return { kind: 'User', apiGroup: RBAC_API_GROUP, name: binding.userId };
  }
  if (binding.groupPrincipalId) {
    return {
      kind: 'Group',
      apiGroup: RBAC_API_GROUP,
      name: binding.groupPrincipalId,
    };
  }
  return undefined;
}

function ensureRoleBindings(
  cluster: KubernetesClusterState,
  binding: RancherProjectRoleTemplateBinding,
  namespace: string,
  nextResourceVersion: () => string,
): void {
  const subject = subjectOf(binding);
  if (!subject) {
    return;
  }
  // The binding lives in the project's namespace of the management
  // cluster; its id is `<that namespace>:<name>`.
  const owner = binding.id.replace(':', '_');
  for (const roleName of gatherRoles(binding.roleTemplateId)) {
    const roleRef = {
      apiGroup: RBAC_API_GROUP,
      kind: 'ClusterRole',
      name: roleName,
    };
    const name = roleBindingName(namespace, roleRef, subject);
    if (findObject(cluster, KINDS.RoleBinding, namespace, name)) {
      continue;
    }
    storeObject(
      cluster,
      KINDS.RoleBinding,
      {
        apiVersion: KINDS.RoleBinding.apiVersion,
        kind: 'RoleBinding',
        metadata: { name, namespace, labels: { [RTB_OWNER_LABEL]: owner } },
        roleRef,
        subjects: [{ ...subject }],
      },
      nextResourceVersion,
    );
  }
}
