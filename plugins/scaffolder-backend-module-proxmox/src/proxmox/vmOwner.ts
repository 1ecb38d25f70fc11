import {
  KubernetesValidatorFunctions,
  parseEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ProxmoxVmOwner,
  explainInvalidTag,
  ownerTag,
} from '@wombat/plugin-wombat-node';

/**
 * The `owner` input (`group:default/team-payments`, `user:default/maria` or a
 * bare group name) as the owner a VM's tag can hold: a Group or User of the
 * `default` namespace. Entity references ignore case, so the name is
 * lowercased, as Proxmox tags must be.
 */
export function vmOwnerFromInput(input: string): ProxmoxVmOwner {
  const fail = (why: string): never => {
    throw new InputError(`owner "${input}" ${why}`);
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
