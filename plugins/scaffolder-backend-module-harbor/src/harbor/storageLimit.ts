const UNITS: Record<string, number> = {
  '': 1,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};

/**
 * Bytes for a storage limit written as a number of bytes (-1 for unlimited)
 * or as a Kubernetes-style quantity such as "10Gi" or "500M". Throws an Error
 * saying what is accepted.
 */
export function parseStorageLimit(value: string | number): number {
  if (typeof value === 'number') {
    if (value === -1 || (Number.isInteger(value) && value > 0)) {
      return value;
    }
    throw new Error(
      `${value} is not a storage limit: give a positive number of bytes, or -1 for unlimited`,
    );
  }
  const match = value
    .trim()
    .match(/^(\d+(?:\.\d+)?)\s*(Ki|Mi|Gi|Ti|K|M|G|T)?$/);
  const bytes = match
    ? Math.round(Number(match[1]) * UNITS[match[2] ?? ''])
    : NaN;
  if (!match || !(bytes > 0)) {
    throw new Error(
      `"${value}" is not a storage limit: use a size such as 10Gi, 500Mi or 1T, a number of bytes, or -1 for unlimited`,
    );
  }
  return bytes;
}
