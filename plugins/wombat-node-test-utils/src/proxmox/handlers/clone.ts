import { randomUUID } from 'crypto';
import {
  vmParams,
  type ProxmoxContext,
  type ProxmoxRoute,
} from '../ProxmoxContext';
import type { ProxmoxVm } from '../ProxmoxState';
import { parameterError, proxmoxData, serverError } from '../responses';
import {
  findVm,
  freshSmbios,
  isCdrom,
  isDriveKey,
  lockMessage,
  missingConfigMessage,
  parseDrive,
  printDrive,
  randomMac,
} from '../vmConfig';
import { NODE_STORAGES } from './cluster';

/**
 * `POST …/clone`: qemu-server's early checks answer synchronously; then the
 * new VM exists at once, locked `clone`, and gets its config when the
 * `qmclone` task ends. A failed task removes it again.
 */
export const cloneRoutes: ProxmoxRoute[] = [
  {
    method: 'POST',
    template: '/nodes/{node}/qemu/{vmid}/clone',
    handle: cloneVm,
  },
];

function cloneVm(context: ProxmoxContext): Response {
  const { state, params } = context;
  const { node, vmid } = vmParams(context);
  const newid = Number(params.newid);
  const target =
    params.target && params.target !== node ? params.target : undefined;
  if (target && !state.nodes.includes(target)) {
    return serverError(`no such cluster node '${target}'`);
  }
  const storage = params.storage;
  if (storage !== undefined) {
    const known = NODE_STORAGES.find(
      candidate => candidate.storage === storage,
    );
    if (!known) {
      return serverError(`storage '${storage}' does not exist`);
    }
    if (!known.content.split(',').includes('images')) {
      context.violation(
        `POST ${context.request.apiPath}: storage ${storage} cannot hold disks`,
      );
      return parameterError({
        storage: `storage '${storage}' does not support vm images`,
      });
    }
    if (target) {
      return serverError(`can't clone to non-shared storage '${storage}'`);
    }
  }
  const source = findVm(state, node, vmid);
  if (!source) {
    return serverError(missingConfigMessage(node, vmid));
  }
  const locked = lockMessage(source);
  if (locked) {
    return serverError(locked);
  }
  if (params.snapname !== undefined) {
    return serverError(`snapshot '${params.snapname}' does not exist`);
  }
  const full =
    params.full !== undefined ? params.full === '1' : !source.template;
  for (const option of ['storage', 'format']) {
    if (params[option] !== undefined && !full) {
      context.violation(
        `POST ${context.request.apiPath}: ${option} is only allowed for full clones`,
      );
      return serverError(`parameter '${option}' not allowed for linked clones`);
    }
  }
  if (target) {
    return serverError(
      `can't clone VM to node '${target}' (VM uses local storage)`,
    );
  }
  if (state.vms.some(vm => vm.vmid === newid)) {
    return serverError(
      `unable to create VM ${newid}: config file already exists`,
    );
  }
  const linkedDisk = Object.entries(source.config).find(
    ([key, value]) =>
      isDriveKey(key) &&
      !isCdrom(value) &&
      !full &&
      !isBaseVolume(parseDrive(value).file),
  );
  if (linkedDisk) {
    return serverError(
      `Linked clone feature is not supported for '${
        parseDrive(linkedDisk[1]).file
      }' (${linkedDisk[0]})`,
    );
  }

  const config = clonedConfig(source, newid, full, storage);
  const clone: ProxmoxVm = {
    vmid: newid,
    node,
    template: false,
    status: 'stopped',
    tags: [],
    config: { lock: 'clone' },
  };
  state.vms.push(clone);
  const upid = context.tasks.start(node, 'qmclone', String(vmid), {
    finish() {
      clone.config = config;
      clone.name = params.name ?? `Copy-of-VM-${source.name ?? vmid}`;
      clone.tags = [...source.tags];
      // clone_vm copies the template's description with every other option
      // and replaces it only with a description that is true to Perl.
      if (params.description && params.description !== '0') {
        clone.config.description = params.description;
      }
      if (params.pool) {
        clone.pool = params.pool;
      }
      return undefined;
    },
    cleanUp() {
      state.vms.splice(state.vms.indexOf(clone), 1);
    },
  });
  return proxmoxData(upid);
}

function isBaseVolume(file: string): boolean {
  return /:base-\d+-/.test(file);
}

/**
 * The clone's config as qemu-server writes it: new MAC addresses and
 * smbios uuid, disks as linked clones of the template's base volumes or as
 * full copies, cloud-init drives always copied, no template flag.
 */
function clonedConfig(
  source: ProxmoxVm,
  newid: number,
  full: boolean,
  storage: string | undefined,
): Record<string, string> {
  const config: Record<string, string> = {};
  let diskIndex = 0;
  for (const key of Object.keys(source.config).sort()) {
    const value = source.config[key];
    if (/^unused\d+$/.test(key) || key === 'lock') {
      continue;
    }
    if (/^net\d+$/.test(key)) {
      config[key] = value.replace(
        /^([a-z0-9-]+)=[0-9A-Fa-f:]{17}/,
        `$1=${randomMac()}`,
      );
    } else if (
      isDriveKey(key) &&
      !(isCdrom(value) && !value.includes('cloudinit'))
    ) {
      const { file, options } = parseDrive(value);
      const [sourceStorage, volume] = file.split(':');
      if (volume?.includes('cloudinit')) {
        config[key] = printDrive(
          `${storage ?? sourceStorage}:vm-${newid}-cloudinit`,
          options,
        );
      } else if (full) {
        config[key] = printDrive(
          `${storage ?? sourceStorage}:vm-${newid}-disk-${diskIndex++}`,
          options,
        );
      } else {
        config[key] = printDrive(
          `${sourceStorage}:${volume}/vm-${newid}-disk-${diskIndex++}`,
          options,
        );
      }
    } else {
      config[key] = value;
    }
  }
  config.smbios1 = freshSmbios(source.config.smbios1);
  if (config.vmgenid) {
    config.vmgenid = randomUUID();
  }
  return config;
}
