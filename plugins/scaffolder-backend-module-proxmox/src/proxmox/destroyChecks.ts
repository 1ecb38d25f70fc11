import { InputError, NotAllowedError } from '@backstage/errors';
import {
  PRODUCTION_TAG,
  ProxmoxVmConfig,
  WOMBAT_TAG,
  parseTags,
  projectTag,
} from '@wombat/plugin-wombat-node';

/** One safety check of proxmox:vm:destroy and whether the VM passes it. */
export interface DestroyCheck {
  name: string;
  passed: boolean;
  /** Why it fails and what to do about it. */
  problem: string;
}

/**
 * The checks a VM must pass before it is destroyed. None of them is ever
 * bypassed: protection in particular is never cleared on the user's behalf.
 */
export function destroyChecks(
  vmid: number,
  config: ProxmoxVmConfig,
  request: { confirmName: string; allowProduction: boolean; project?: string },
): DestroyCheck[] {
  const name = String(config.name ?? '');
  const tags = parseTags(
    config.tags === undefined ? undefined : String(config.tags),
  );
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
      passed: !request.project || tags.includes(projectTag(request.project)),
      problem: `VM ${vmid} (${name}) does not belong to project ${request.project}`,
    },
    {
      name: 'not production, or production allowed',
      passed: request.allowProduction || !tags.includes(PRODUCTION_TAG),
      problem: `VM ${vmid} (${name}) is tagged "${PRODUCTION_TAG}"; set allowProduction to destroy it`,
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
