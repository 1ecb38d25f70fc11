import { currentVm } from '../configUpdate';
import type { ProxmoxRoute } from '../ProxmoxContext';
import { parameterError, proxmoxData } from '../responses';
import {
  configDigest,
  driveSize,
  isCdrom,
  lockMessage,
  missingConfigMessage,
  parseSize,
  withDriveSize,
} from '../vmConfig';

/**
 * `PUT …/resize`: answers a UPID at once; the `resize` task does every
 * check (VM, digest, lock, disk, no shrinking) and grows the disk when it
 * ends.
 */
export const resizeRoutes: ProxmoxRoute[] = [
  {
    method: 'PUT',
    template: '/nodes/{node}/qemu/{vmid}/resize',
    handle(context) {
      const { node, vmid, disk, size, digest } = context.params;
      if (context.params.skiplock === '1') {
        context.violation(
          `PUT ${context.request.apiPath}: skiplock is root-only`,
        );
        return parameterError({ skiplock: 'Only root may use this option.' });
      }
      const newSize = (): number | string => {
        const vm = currentVm(context);
        if (!vm) {
          return missingConfigMessage(node, vmid);
        }
        if (digest && digest !== configDigest(vm)) {
          return 'checksum mismatch (file change by other user?)';
        }
        const locked = lockMessage(vm);
        if (locked) {
          return locked;
        }
        const value = vm.config[disk];
        if (!value) {
          return `disk '${disk}' does not exist`;
        }
        if (isCdrom(value)) {
          return "you can't resize a cdrom";
        }
        const current = driveSize(value);
        const requested = parseSize(size.replace(/^\+/, ''))!;
        const bytes = size.startsWith('+') ? current + requested : requested;
        return bytes < current ? 'shrinking disks is not supported' : bytes;
      };
      return proxmoxData(
        context.tasks.start(node, 'resize', vmid, {
          check() {
            const result = newSize();
            return typeof result === 'string' ? result : undefined;
          },
          finish() {
            const result = newSize();
            if (typeof result === 'string') {
              return result;
            }
            const vm = currentVm(context)!;
            vm.config[disk] = withDriveSize(vm.config[disk], result);
            return undefined;
          },
        }),
      );
    },
  },
];
