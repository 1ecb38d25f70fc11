import {
  KubernetesValidatorFunctions,
  parseEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ProjectEntityV1alpha1 } from '@wombat/plugin-wombat-common';
import {
  ProxmoxVmOwner,
  explainInvalidTag,
  ownerTag,
} from '@wombat/plugin-wombat-node';

/**
 * An owner reference (`group:default/team-payments`, `user:default/maria` or
 * a bare group name) as the owner a VM's tag can hold: a Group or User of
 * the `default` namespace. Entity references ignore case, so the name is
 * lowercased, as Proxmox tags must be. Throws an InputError saying why it
 * cannot be one.
 */
export function vmOwnerFromRef(input: string, field = 'owner'): ProxmoxVmOwner {
  const fail = (why: string): never => {
    throw new InputError(`${field} "${input}" ${why}`);
  };
  let ref: { kind: string; namespace: string; name: string } | undefined;
  try {
    ref = parseEntityRef(input.trim(), {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch {
    ref = undefined;
  }
  if (!ref) {
    return fail(
      'is not an entity reference such as group:default/team-payments',
    );
  }
  const kind = ref.kind.toLocaleLowerCase('en-US');
  if (kind !== 'group' && kind !== 'user') {
    return fail(`must be a Group or a User, not a ${ref.kind}`);
  }
  if (ref.namespace.toLocaleLowerCase('en-US') !== 'default') {
    return fail(
      `is in the namespace ${ref.namespace}; a VM's owner tag holds only owners of the default namespace`,
    );
  }
  if (!KubernetesValidatorFunctions.isValidObjectName(ref.name)) {
    return fail(
      `names no entity: "${ref.name}" is not letters and digits, separated by "-", "_" or ".", at most 63 characters`,
    );
  }
  const owner: ProxmoxVmOwner = {
    kind,
    name: ref.name.toLocaleLowerCase('en-US'),
  };
  const reason = explainInvalidTag(ownerTag(owner));
  return reason ? fail(`cannot be a Proxmox tag: ${reason}`) : owner;
}

/**
 * The owner tag of a project's VMs: the Project's `spec.owner`, when a tag
 * can hold it; otherwise none, and the catalog uses its default owner.
 */
export function vmOwnerOfProject(
  project: ProjectEntityV1alpha1 | undefined,
  warn: (message: string) => void,
): ProxmoxVmOwner | undefined {
  if (!project) return undefined;
  try {
    return vmOwnerFromRef(project.spec.owner, "The Project's spec.owner");
  } catch (error) {
    warn(
      `${
        (error as Error).message
      }; the VM gets no owner tag, and the catalog lists it with its default owner`,
    );
    return undefined;
  }
}
