import { ProxmoxVmConfig } from '@wombat/plugin-wombat-node';

const DISK_KEYS = /^(scsi|virtio|sata|ide)\d+$/;

/** The VM's boot disk: the one `bootdisk`/`boot` names, else the first disk. */
export function bootDisk(config: ProxmoxVmConfig): string | undefined {
  const order = String(config.boot ?? '')
    .match(/order=([^,]+)/)?.[1]
    ?.split(';');
  const named = [config.bootdisk, ...(order ?? [])].map(String);
  return (
    named.find(d => DISK_KEYS.test(d) && config[d] !== undefined) ??
    Object.keys(config)
      .filter(
        k => DISK_KEYS.test(k) && !String(config[k]).includes('media=cdrom'),
      )
      .sort()[0]
  );
}

/** A disk's size in GiB from its property string (`local-lvm:vm-1-disk-0,size=8G`). */
export function diskSizeGiB(
  property: string | number | undefined,
): number | undefined {
  const match = String(property ?? '').match(
    /(?:^|,)size=(\d+(?:\.\d+)?)([KMGT])?/,
  );
  if (!match) return undefined;
  const factor = { K: 1 / 2 ** 20, M: 1 / 1024, G: 1, T: 1024 }[
    match[2] ?? 'G'
  ]!;
  return Number(match[1]) * factor;
}
