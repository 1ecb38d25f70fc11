import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  ProxmoxClient,
  ProxmoxClusterVm,
  WOMBAT_TAG,
  encodeSshKeysParameter,
  parseTags,
  projectTag,
} from '@wombat/plugin-wombat-node';
import { bootDisk, diskSizeGiB } from './diskSize';
import { findVmsNamed } from './findVm';
import { VmPlan } from './planVm';
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
export type VmRecord = { vmid: number; node: string; created: boolean };

/**
 * The VM of that name when it is one Wombat made for the same project; a VM
 * of that name made by anyone else is a conflict.
 */
export async function findOwnVm(
  proxmox: ProxmoxClient,
  plan: VmPlan,
): Promise<ProxmoxClusterVm | undefined> {
  const named = await findVmsNamed(proxmox, plan.name);
  if (named.length > 1) {
    throw new ConflictError(
      `Proxmox has ${named.length} VMs named ${plan.name} (${named
        .map(v => v.vmid)
        .join(', ')})`,
    );
  }
  const [vm] = named;
  if (!vm) return undefined;
  const tags = parseTags(vm.tags);
  if (!tags.includes(WOMBAT_TAG)) {
    throw new ConflictError(
      `A VM named ${plan.name} (VMID ${vm.vmid} on ${vm.node}) exists that Wombat did not create; choose another name`,
    );
  }
  if (plan.project && !tags.includes(projectTag(plan.project))) {
    throw new ConflictError(
      `The VM named ${plan.name} (VMID ${vm.vmid}) belongs to another project than ${plan.project}`,
    );
  }
  return vm;
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
 * Clones the template into a new VMID. The id from /cluster/nextid is not
 * reserved: a clone started by someone else in between takes it, and the
 * clone is retried with the next one.
 */
export async function cloneVm(
  proxmox: ProxmoxClient,
  template: ProxmoxClusterVm,
  plan: VmPlan,
  node: string,
  timings: VmTimings,
  logger: LoggerService,
): Promise<VmRecord> {
  const existing = await findOwnVm(proxmox, plan);
  if (existing) {
    logger.info(`VM ${plan.name} exists (VMID ${existing.vmid}); using it`);
    return { vmid: existing.vmid, node: existing.node, created: false };
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
        description: 'Created by Wombat',
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

/** Sets CPU, memory, network, cloud-init, tags and protection. */
export async function configureVm(
  proxmox: ProxmoxClient,
  vm: VmRecord,
  plan: VmPlan,
  logger: LoggerService,
): Promise<void> {
  await proxmox.setConfig(vm.node, vm.vmid, {
    cores: plan.cores,
    memory: plan.memoryMiB,
    net0: plan.net0,
    ipconfig0: plan.ipconfig0,
    ciuser: plan.ciUser,
    sshkeys: plan.sshKeys.length
      ? encodeSshKeysParameter(plan.sshKeys)
      : undefined,
    tags: plan.tags.join(';'),
    agent: 1,
    protection: plan.protection,
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
