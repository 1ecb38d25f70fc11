import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  OwnershipVerdict,
  ProjectScope,
  ProxmoxClient,
  ProxmoxClusterVm,
  claimExisting,
  encodeSshKeysParameter,
} from '@wombat/plugin-wombat-node';
import { bootDisk, diskSizeGiB } from './diskSize';
import { findVmsNamed } from './findVm';
import { VmPlan } from './planVm';
import { vmDescription, vmStamps, vmTagsOf } from './vmStamp';
import { logProgress } from './taskProgress';

/** How long Proxmox operations may take, and how often to look. */
export interface VmTimings {
  cloneMs: number;
  taskMs: number;
  pollMs: number;
}

export const DEFAULT_TIMINGS: VmTimings = {
  cloneMs: 30 * 60_000,
  taskMs: 5 * 60_000,
  pollMs: 2000,
};

/** What a checkpoint remembers about the VM. */
export type VmRecord = {
  vmid: number;
  node: string;
  /** Whether this task cloned it. */
  created: boolean;
};

/** A VM of the plan's name that exists already, and what may be done with it. */
export interface ExistingVm {
  vm: ProxmoxClusterVm;
  verdict: OwnershipVerdict;
}

/**
 * The VM of the plan's name, when there is one the project may use: one
 * whose stamps (tags or description) name this project, or an unstamped
 * one a platform admin adopts. Anything else is refused (claimExisting)
 * before the VM is touched.
 */
export async function claimExistingVm(
  proxmox: ProxmoxClient,
  scope: ProjectScope,
  plan: VmPlan,
  adopt: boolean,
): Promise<ExistingVm | undefined> {
  const named = await findVmsNamed(proxmox, plan.name);
  if (named.length > 1) {
    throw new ConflictError(
      `Proxmox ${proxmox.name} has ${named.length} VMs named ${plan.name}; choose another name`,
    );
  }
  const [vm] = named;
  if (!vm) return undefined;
  const config = await proxmox.getConfig(vm.node, vm.vmid);
  const verdict = claimExisting(scope, {
    what: `VM ${plan.name} (VMID ${vm.vmid} on ${vm.node})`,
    stamps: vmStamps(config),
    adopt,
  });
  return { vm, verdict };
}

/** Checks that the disk can grow to the plan's size, before anything is created. */
export async function checkDiskGrowth(
  proxmox: ProxmoxClient,
  template: ProxmoxClusterVm,
  plan: VmPlan,
) {
  if (plan.diskGiB === undefined) return;
  const config = await proxmox.getConfig(template.node, template.vmid);
  const disk = bootDisk(config);
  const size = disk ? diskSizeGiB(config[disk]) : undefined;
  if (size !== undefined && plan.diskGiB < size) {
    throw new InputError(
      `diskGiB ${plan.diskGiB} is smaller than the template's ${size} GiB disk; disks can only grow`,
    );
  }
}

/**
 * Clones the template into a new VMID, its description naming the project.
 * The id from /cluster/nextid is not reserved: a clone started by someone
 * else in between takes it, and the clone is retried with the next one.
 * A VM of that name that the project may use is used instead.
 */
export async function cloneVm(
  proxmox: ProxmoxClient,
  scope: ProjectScope,
  template: ProxmoxClusterVm,
  plan: VmPlan,
  options: { node: string; adopt: boolean },
  timings: VmTimings,
  logger: LoggerService,
): Promise<VmRecord> {
  const { node } = options;
  const existing = await claimExistingVm(proxmox, scope, plan, options.adopt);
  if (existing) {
    const { vm, verdict } = existing;
    logger.info(
      verdict === 'adopt'
        ? `VM ${plan.name} exists (VMID ${vm.vmid}) without a Wombat stamp; adopting it into ${scope.ref}`
        : `VM ${plan.name} exists (VMID ${vm.vmid}) in ${scope.ref}; using it`,
    );
    return { vmid: vm.vmid, node: vm.node, created: false };
  }
  for (let attempt = 1; ; attempt++) {
    const vmid = await proxmox.nextId();
    let upid: string;
    try {
      upid = await proxmox.clone(template.node, template.vmid, {
        newid: vmid,
        name: plan.name,
        full: true,
        ...(node !== template.node ? { target: node } : {}),
        ...(plan.pool ? { pool: plan.pool } : {}),
        description: vmDescription(scope),
      });
    } catch (error) {
      if (attempt < 5 && /already exists/.test((error as Error).message)) {
        logger.info(`VMID ${vmid} was taken meanwhile; trying the next one`);
        continue;
      }
      throw error;
    }
    logger.info(
      `Cloning template ${template.vmid} into VM ${plan.name} (VMID ${vmid})`,
    );
    await proxmox.waitForTask(template.node, upid, {
      timeoutMs: timings.cloneMs,
      pollMs: timings.pollMs,
      onProgress: logProgress(logger, `Cloning ${plan.name}`),
    });
    logger.info(`Created VM ${plan.name} (VMID ${vmid} on ${node})`);
    return { vmid, node, created: true };
  }
}

/**
 * Sets CPU, memory, network, cloud-init and the tags, and turns protection
 * on when asked. Protection is never turned off: a VM that was protected
 * stays so.
 */
export async function configureVm(
  proxmox: ProxmoxClient,
  vm: VmRecord,
  plan: VmPlan,
  tagsFor: (existingTags?: string[]) => string[],
  logger: LoggerService,
): Promise<void> {
  const existingTags = vm.created
    ? undefined
    : vmTagsOf(await proxmox.getConfig(vm.node, vm.vmid));
  await proxmox.setConfig(vm.node, vm.vmid, {
    cores: plan.cores,
    memory: plan.memoryMiB,
    net0: plan.net0,
    // A new VM of someone who may not choose an address gets DHCP, whatever
    // the template says; a VM that existed keeps its address.
    ipconfig0:
      plan.ipconfig0 ??
      (vm.created && plan.dhcpByDefault ? 'ip=dhcp' : undefined),
    ciuser: plan.ciUser,
    sshkeys: plan.sshKeys.length
      ? encodeSshKeysParameter(plan.sshKeys)
      : undefined,
    tags: tagsFor(existingTags).join(';'),
    agent: 1,
    protection: plan.protect ? true : undefined,
  });
  logger.info(`Configured VM ${plan.name}`, { vmid: vm.vmid });
}

/** Grows the boot disk to the plan's size; a disk already that large is left. */
export async function growDisk(
  proxmox: ProxmoxClient,
  vm: VmRecord,
  plan: VmPlan,
  timings: VmTimings,
  logger: LoggerService,
): Promise<void> {
  if (plan.diskGiB === undefined) return;
  const config = await proxmox.getConfig(vm.node, vm.vmid);
  const disk = bootDisk(config);
  const size = disk ? diskSizeGiB(config[disk]) : undefined;
  if (!disk || size === undefined || size >= plan.diskGiB) return;
  const upid = await proxmox.resize(vm.node, vm.vmid, disk, `${plan.diskGiB}G`);
  await proxmox.waitForTask(vm.node, upid, {
    timeoutMs: timings.taskMs,
    pollMs: timings.pollMs,
    onProgress: logProgress(logger, `Growing ${disk}`),
  });
  logger.info(
    `Grew ${disk} of ${plan.name} from ${size} to ${plan.diskGiB} GiB`,
  );
}

/** Starts the VM unless it runs. */
export async function startVm(
  proxmox: ProxmoxClient,
  vm: VmRecord,
  timings: VmTimings,
  logger: LoggerService,
): Promise<void> {
  if ((await proxmox.status(vm.node, vm.vmid)).status === 'running') return;
  const upid = await proxmox.start(vm.node, vm.vmid);
  await proxmox.waitForTask(vm.node, upid, {
    timeoutMs: timings.taskMs,
    pollMs: timings.pollMs,
    onProgress: logProgress(logger, 'Starting'),
  });
  logger.info(`Started VM ${vm.vmid}`);
}

/**
 * The VM's first IPv4 address as its guest agent reports it, waiting for
 * the agent to come up and the guest to get its address.
 */
export async function waitForIp(
  proxmox: ProxmoxClient,
  vm: VmRecord,
  timeoutMs: number,
  pollMs: number,
  logger: LoggerService,
): Promise<string> {
  const started = Date.now();
  let lastReport = started;
  for (;;) {
    try {
      const address = await proxmox.guestIpv4(vm.node, vm.vmid);
      if (address) return address;
    } catch {
      // Keep asking until the timeout, whatever the agent answers meanwhile.
    }
    const now = Date.now();
    if (now - started > timeoutMs) {
      throw new Error(
        `VM ${
          vm.vmid
        } reported no IPv4 address through its guest agent within ${Math.round(
          timeoutMs / 1000,
        )} s; check that the template has qemu-guest-agent installed`,
      );
    }
    if (now - lastReport >= 10_000) {
      logger.info(
        `Waiting for VM ${vm.vmid} to report its IP address (${Math.round(
          (now - started) / 1000,
        )} s)`,
      );
      lastReport = now;
    }
    await new Promise(resolve => setTimeout(resolve, pollMs));
  }
}
