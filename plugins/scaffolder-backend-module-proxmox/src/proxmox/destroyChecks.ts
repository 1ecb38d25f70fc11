import { InputError, NotAllowedError } from '@backstage/errors';
import {
  PRODUCTION_TAG,
  ProjectScope,
  ProxmoxVmConfig,
  WOMBAT_TAG,
} from '@wombat/plugin-wombat-node';
import { vmStamps, vmTagsOf } from './vmStamp';

/** One safety check of proxmox:vm:destroy and whether the VM passes it. */
export interface DestroyCheck {
  name: string;
  passed: boolean;
  /** Why it fails and what to do about it. */
  problem: string;
}

/**
 * Whether `allowProduction` counts for this requester: for platform admins,
 * and for the managers of a project whose lifecycle is production (the
 * guard made sure the requester is one). For anyone else a VM tagged
 * production stays.
 */
export function mayAllowProduction(scope: ProjectScope): boolean {
  return (
    scope.requester.isAdmin || scope.entity?.spec.lifecycle === 'production'
  );
}

/**
 * The checks a VM must pass before it is destroyed. None of them is ever
 * bypassed: protection in particular is never cleared on the user's behalf.
 */
export function destroyChecks(
  vmid: number,
  config: ProxmoxVmConfig,
  request: {
    scope: ProjectScope;
    confirmName: string;
    allowProduction: boolean;
  },
): DestroyCheck[] {
  const { scope } = request;
  const name = String(config.name ?? '');
  const tags = vmTagsOf(config);
  const stamps = vmStamps(config);
  const productionAllowed =
    request.allowProduction && mayAllowProduction(scope);
  return [
    {
      name: 'name confirmed',
      passed: request.confirmName === name,
      problem: `confirmName "${request.confirmName}" does not match the name of VM ${vmid}, "${name}"; type the VM's name to confirm`,
    },
    {
      name: 'created by Wombat',
      passed: tags.includes(WOMBAT_TAG),
      problem: `VM ${vmid} (${name}) lacks the tag "${WOMBAT_TAG}": Wombat only destroys VMs it created; remove it in Proxmox if it must go`,
    },
    {
      name: 'in the project',
      passed: stamps.length === 1 && stamps[0] === scope.ref,
      problem: `VM ${vmid} (${name}) does not belong to ${scope.ref}: Wombat destroys only VMs stamped for the project alone (${scope.stamp})`,
    },
    {
      name: 'not production, or production allowed',
      passed: productionAllowed || !tags.includes(PRODUCTION_TAG),
      problem: request.allowProduction
        ? `VM ${vmid} (${name}) is tagged "${PRODUCTION_TAG}"; allowProduction counts only for platform admins and for managers of a project whose lifecycle is production, which ${scope.ref} is not`
        : `VM ${vmid} (${name}) is tagged "${PRODUCTION_TAG}"; set allowProduction to destroy it`,
    },
    {
      name: 'protection off',
      passed: String(config.protection ?? '0') !== '1',
      problem: `VM ${vmid} (${name}) has protection on; turn it off in Proxmox (Options, Protection) first if it should really be destroyed`,
    },
  ];
}

/** Throws for the first failed check: an InputError for a wrong name, otherwise NotAllowedError. */
export function enforce(checks: DestroyCheck[]) {
  const failed = checks.find(c => !c.passed);
  if (!failed) return;
  throw failed.name === 'name confirmed'
    ? new InputError(failed.problem)
    : new NotAllowedError(failed.problem);
}
