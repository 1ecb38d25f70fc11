import { apiMethod } from './apidata';
import { splitList } from './formats';
import { parameterSchema } from './parameters';
import type { ProxmoxContext } from './ProxmoxContext';
import type { ProxmoxVm } from './ProxmoxState';
import { parameterError, serverError } from './responses';
import { invalidSshKeyLine, uriUnescape } from './sshKeys';
import { NODE_STORAGES } from './handlers/cluster';
import {
  configDigest,
  findVm,
  isDriveKey,
  lockMessage,
  missingConfigMessage,
  parseDrive,
  printDrive,
  withMacAddress,
} from './vmConfig';

/** Parameters of the config endpoints that are not VM options. */
const CONTROL_PARAMETERS = [
  'node',
  'vmid',
  'skiplock',
  'delete',
  'revert',
  'force',
  'digest',
  'background_delay',
  'import-working-storage',
];

const NEW_DISK = /^(?:([^/:\s]+):)?(\d+(?:\.\d+)?)$/;

/** A checked change, applied now (PUT) or when the task ends (POST). */
export interface ConfigUpdate {
  apply(vm: ProxmoxVm): void;
}

/**
 * The checks of qemu-server's update_vm_api before anything changes, in its
 * order: root-only options, SSH keys, something to do, `delete` entries,
 * disk allocations, then the VM itself (exists, digest, lock).
 */
export function prepareConfigUpdate(
  context: ProxmoxContext,
): ConfigUpdate | Response {
  const { params } = context;
  const where = `${context.request.method} ${context.request.apiPath}`;
  const refuse = (response: Response, problem: string) => {
    context.violation(`${where}: ${problem}`);
    return response;
  };
  if (params.skiplock === '1') {
    return refuse(
      parameterError({ skiplock: 'Only root may use this option.' }),
      'skiplock is root-only',
    );
  }
  const settings = Object.fromEntries(
    Object.entries(params).filter(([key]) => !CONTROL_PARAMETERS.includes(key)),
  );
  if (settings.sshkeys !== undefined) {
    settings.sshkeys = uriUnescape(settings.sshkeys);
    if (invalidSshKeyLine(settings.sshkeys) !== undefined) {
      return refuse(
        serverError('SSH public key validation error'),
        'sshkeys holds a line that is not an SSH public key',
      );
    }
  }
  if (
    params.delete === undefined &&
    params.revert === undefined &&
    Object.keys(settings).length === 0
  ) {
    return refuse(serverError('no options specified'), 'no options specified');
  }
  const deletions: string[] = [];
  for (const raw of splitList(params.delete ?? '')) {
    const option = raw === 'cdrom' ? 'ide2' : raw;
    if (settings[option] !== undefined) {
      return refuse(
        parameterError({
          delete: `you can't use '-${option}' and -delete ${option}' at the same time`,
        }),
        `${option} is both set and deleted`,
      );
    }
    if (!isVmOption(option)) {
      return refuse(
        parameterError({ delete: `unknown option '${option}'` }),
        `delete names unknown option ${option}`,
      );
    }
    deletions.push(option);
  }
  for (const [key, value] of Object.entries(settings)) {
    if (/^net\d+$/.test(key)) {
      settings[key] = withMacAddress(value);
    }
    if (isDriveKey(key)) {
      const storage = NEW_DISK.exec(parseDrive(value).file)?.[1];
      if (storage !== undefined) {
        const known = NODE_STORAGES.find(
          candidate => candidate.storage === storage,
        );
        if (!known) {
          return serverError(`storage '${storage}' does not exist`);
        }
        if (!known.content.split(',').includes('images')) {
          return refuse(
            parameterError({
              storage: `storage '${storage}' does not support vm images`,
            }),
            `storage ${storage} cannot hold disks`,
          );
        }
      }
    }
  }

  const vmid = Number(params.vmid);
  const vm = findVm(context.state, params.node, vmid);
  if (!vm) {
    return serverError(missingConfigMessage(params.node, vmid));
  }
  if (params.digest && params.digest !== configDigest(vm)) {
    return serverError('checksum mismatch (file change by other user?)');
  }
  const locked = lockMessage(vm);
  if (locked) {
    return serverError(locked);
  }
  return {
    apply(target) {
      for (const option of deletions) {
        if (option === 'name') {
          delete target.name;
        } else if (option === 'tags') {
          target.tags = [];
        } else if (option === 'template') {
          target.template = false;
        } else {
          delete target.config[option];
        }
      }
      for (const [key, value] of Object.entries(settings)) {
        if (key === 'name') {
          target.name = value;
        } else if (key === 'tags') {
          target.tags = splitList(value);
        } else if (key === 'template') {
          target.template = value === '1';
        } else if (isDriveKey(key)) {
          target.config[key] = allocateDisk(target, value);
        } else {
          target.config[key] = value;
        }
      }
    },
  };
}

/** Whether a name is a VM config option (what `delete` may name). */
function isVmOption(option: string): boolean {
  const properties =
    apiMethod('/nodes/{node}/qemu/{vmid}/config', 'PUT')?.parameters
      ?.properties ?? {};
  return (
    !CONTROL_PARAMETERS.includes(option) &&
    parameterSchema(properties, option) !== undefined
  );
}

/** `local-lvm:10` allocates a new 10 GiB volume `vm-<vmid>-disk-<n>`. */
function allocateDisk(vm: ProxmoxVm, value: string): string {
  const { file, options } = parseDrive(value);
  const match = NEW_DISK.exec(file);
  if (!match) {
    return value;
  }
  const storage = match[1] ?? 'local-lvm';
  const used = Object.values(vm.config).join(',');
  let index = 0;
  while (used.includes(`vm-${vm.vmid}-disk-${index}`)) {
    index++;
  }
  return printDrive(`${storage}:vm-${vm.vmid}-disk-${index}`, [
    ...options,
    ['size', `${match[2]}G`],
  ]);
}

/** Finds the VM again when a task ends; it may have been removed meanwhile. */
export function currentVm(context: ProxmoxContext): ProxmoxVm | undefined {
  return findVm(
    context.state,
    context.params.node,
    Number(context.params.vmid),
  );
}
