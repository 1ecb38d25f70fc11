import { InputError } from '@backstage/errors';
import {
  ProjectScope,
  ProxmoxAllowList,
  ProxmoxClusterVm,
  requireAdmin,
} from '@wombat/plugin-wombat-node';
import { VmPlan } from './planVm';

const describeNetwork = (network: { bridge: string; vlan?: number }) =>
  network.vlan === undefined
    ? `${network.bridge} untagged`
    : `${network.bridge} VLAN ${network.vlan}`;

const listOf = (items: string[]) => items.join(', ') || 'none';

/**
 * Keeps a VM of someone who is not a platform admin inside the instance's
 * allow-list (`wombat.proxmox.instances[].allowed`): sizes, network, pool,
 * and no static address. An instance without one is for admins only.
 * Returns the allow-list the template must then be in, or undefined for an
 * admin, who is not limited.
 */
export function checkAllowedInputs(
  scope: ProjectScope,
  instance: { name: string; allowed?: ProxmoxAllowList },
  plan: VmPlan,
): ProxmoxAllowList | undefined {
  if (scope.requester.isAdmin) return undefined;
  const { allowed } = instance;
  const where = `Proxmox ${instance.name}`;
  if (!allowed) {
    requireAdmin(
      scope,
      `Creating VMs on ${where}, which has no allow-list (wombat.proxmox.instances[].allowed),`,
    );
    return undefined;
  }
  const notMore = (
    field: string,
    value: number | undefined,
    max: number,
    unit = '',
  ) => {
    if (value !== undefined && value > max) {
      throw new InputError(
        `${field} ${value} is more than ${where} allows: at most ${max}${unit}`,
      );
    }
  };
  notMore('cores', plan.cores, allowed.maxCores);
  notMore('memoryMiB', plan.memoryMiB, allowed.maxMemoryMiB, ' MiB');
  notMore('diskGiB', plan.diskGiB, allowed.maxDiskGiB, ' GiB');

  const { network } = plan;
  if (
    network &&
    !allowed.networks.some(
      n => n.bridge === network.bridge && n.vlan === network.vlan,
    )
  ) {
    throw new InputError(
      `network ${describeNetwork(
        network,
      )} is not allowed on ${where}; allowed: ${listOf(
        allowed.networks.map(describeNetwork),
      )} (leave network out to keep the template's)`,
    );
  }
  if (plan.pool !== undefined && !allowed.pools.includes(plan.pool)) {
    throw new InputError(
      `pool ${plan.pool} is not allowed on ${where}; allowed: ${listOf(
        allowed.pools,
      )}`,
    );
  }
  if (plan.staticAddress) {
    throw new InputError(
      'ipConfig: static addresses (cidr, gateway) are for platform admins only; leave ipConfig out or set dhcp: true, and the VM gets its address by DHCP',
    );
  }
  return allowed;
}

/** Throws unless the allow-list names the template, by name or VMID. */
export function checkAllowedTemplate(
  allowed: ProxmoxAllowList | undefined,
  instanceName: string,
  input: string | number,
  template: ProxmoxClusterVm,
) {
  if (!allowed) return;
  const names = allowed.templates.map(String);
  if (
    names.includes(String(template.vmid)) ||
    (template.name !== undefined && names.includes(template.name))
  ) {
    return;
  }
  throw new InputError(
    `template ${input} is not allowed on Proxmox ${instanceName}; allowed: ${listOf(
      names,
    )}`,
  );
}
