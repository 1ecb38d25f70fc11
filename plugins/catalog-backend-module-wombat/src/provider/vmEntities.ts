import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  KubernetesValidatorFunctions,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_PROJECT,
  ANNOTATION_PROXMOX_INSTANCE,
  ANNOTATION_PROXMOX_IP,
  ANNOTATION_PROXMOX_NODE,
  ANNOTATION_PROXMOX_VMID,
} from '@wombat/plugin-wombat-common';
import { parseTags, readWombatTags } from '@wombat/plugin-wombat-node';

/** A Wombat VM as the provider read it. */
export interface WombatVm {
  vmid: number;
  name?: string;
  node: string;
  status: string;
  /** Proxmox's `;`-separated tags. */
  tags?: string;
  ip?: string;
}

/** The catalog's entity names: letters and digits separated by - _ ., at most 63. */
const isEntityName = (name: string | undefined): name is string =>
  KubernetesValidatorFunctions.isValidObjectName(name);

/**
 * The entity name of each VM: its own name (Wombat names are DNS labels).
 * When several VMs of the instance share a name, the lowest VMID keeps it
 * and the others get `<name>-<vmid>`, so the entity of the VM that was there
 * first keeps its reference. A VM whose name cannot be an entity name is
 * `vm-<vmid>`. A name still taken (a VM really called `payments-db-205`) is
 * left out, with `onConflict`.
 */
function entityNames(
  vms: WombatVm[],
  onConflict: (vm: WombatVm, name: string) => void,
): Map<number, string> {
  const sorted = [...vms].sort((a, b) => a.vmid - b.vmid);
  const baseName = (vm: WombatVm) =>
    isEntityName(vm.name) ? vm.name : `vm-${vm.vmid}`;
  const names = new Map<number, string>();
  const taken = new Set<string>();
  const later: WombatVm[] = [];
  for (const vm of sorted) {
    const name = baseName(vm);
    if (taken.has(name)) {
      later.push(vm);
    } else {
      taken.add(name);
      names.set(vm.vmid, name);
    }
  }
  for (const vm of later) {
    const suffix = `-${vm.vmid}`;
    const name = `${baseName(vm)
      .slice(0, 63 - suffix.length)
      .replace(/[-_.]+$/, '')}${suffix}`;
    if (taken.has(name)) {
      onConflict(vm, name);
    } else {
      taken.add(name);
      names.set(vm.vmid, name);
    }
  }
  return names;
}

/**
 * The Resource entities of an instance's Wombat VMs.
 *
 * - owner: the `wombat-owner.<group>` (or `wombat-owner-user.<user>`) tag,
 *   else `defaultOwner`; a VM with neither is left out, with `warn`;
 * - `wombat.dev/project`: the full reference (`project:<namespace>/<name>`)
 *   of the project its stamp tag names (`wombat-project.<namespace>.<name>`,
 *   or the old `wombat-project.<name>` of the default namespace), so that
 *   the WombatEntitiesProcessor relates the VM to that Project and to no
 *   namesake in another namespace. Stamps of several projects are
 *   ambiguous: the VM is then listed without a project, with `warn`.
 */
export function vmEntities(options: {
  instance: string;
  vms: WombatVm[];
  defaultOwner?: string;
  warn: (message: string) => void;
}): Entity[] {
  const { instance, defaultOwner, warn } = options;
  const owned = options.vms.flatMap(vm => {
    const owner = ownerOf(vm);
    return owner ? [{ vm, owner }] : [];
  });
  const names = entityNames(
    owned.map(o => o.vm),
    (vm, name) =>
      warn(
        `VM ${vm.vmid} of Proxmox ${instance} is left out of the catalog: its entity name ${name} is taken by another VM`,
      ),
  );
  return owned.flatMap(({ vm, owner }) => {
    const name = names.get(vm.vmid);
    if (!name) return [];
    const { project, projects } = readWombatTags(parseTags(vm.tags));
    if (projects.length > 1) {
      warn(
        `VM ${vm.vmid} of Proxmox ${instance} carries the stamps of ${projects.length} projects; it is listed without a project until a platform admin cleans its tags up`,
      );
    }
    const location = `wombat-proxmox:${instance}/${vm.vmid}`;
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name,
        title: vm.name ?? name,
        description: `Virtual machine ${vm.vmid} on node ${vm.node} of the Proxmox VE instance ${instance}, created by Wombat`,
        annotations: {
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
          ...(project ? { [ANNOTATION_PROJECT]: project } : {}),
          [ANNOTATION_PROXMOX_INSTANCE]: instance,
          [ANNOTATION_PROXMOX_NODE]: vm.node,
          [ANNOTATION_PROXMOX_VMID]: String(vm.vmid),
          ...(vm.ip ? { [ANNOTATION_PROXMOX_IP]: vm.ip } : {}),
        },
        tags: ['proxmox', 'wombat'],
      },
      spec: { type: 'virtual-machine', owner },
    };
    return [entity];
  });

  function ownerOf(vm: WombatVm): string | undefined {
    const { owner } = readWombatTags(parseTags(vm.tags));
    if (owner && isEntityName(owner.name)) {
      return stringifyEntityRef({
        kind: owner.kind,
        namespace: 'default',
        name: owner.name,
      });
    }
    if (owner) {
      warn(
        `VM ${vm.vmid} of Proxmox ${instance} has an owner tag whose name "${owner.name}" is not an entity name; it is ignored`,
      );
    }
    if (!defaultOwner) {
      warn(
        `VM ${vm.vmid} (${
          vm.name ?? 'no name'
        }) of Proxmox ${instance} is left out of the catalog: it has no usable wombat-owner tag and catalog.providers.wombatProxmox.defaultOwner is not set`,
      );
    }
    return defaultOwner;
  }
}
