import { randomInt } from 'crypto';

// Kubernetes' generated-name alphabet (apimachinery utilrand): no vowels, so
// no accidental words, and no characters that are easily confused.
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * A random suffix like the ones Kubernetes appends to `generateName`, and
 * Rancher to its object names (`p-xxxxx`, `prtb-xxxxx`).
 */
export function randomSuffix(length = 5): string {
  let suffix = '';
  for (let i = 0; i < length; i++) {
    suffix += ALPHANUMS[randomInt(ALPHANUMS.length)];
  }
  return suffix;
}
