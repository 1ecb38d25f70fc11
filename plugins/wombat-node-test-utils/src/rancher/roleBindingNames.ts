import { createHash } from 'crypto';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, as Go's `base32.StdEncoding.WithPadding(-1)`. */
export function base32(bytes: Uint8Array): string {
  let output = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) {
    output += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  }
  return output;
}

/**
 * The name Rancher gives the RoleBinding it creates for a role and subject
 * in a namespace (`NameForRoleBinding` in rancher/rancher pkg/rbac): `rb-`
 * and the first ten base32 characters of a SHA-256 over namespace, role
 * kind and name, subject kind and name, in lower case. Deterministic, so a
 * second binding of the same subject to the same role finds it in place.
 */
export function roleBindingName(
  namespace: string,
  role: { kind: string; name: string },
  subject: { kind: string; name: string },
): string {
  const digest = createHash('sha256')
    .update(
      `${namespace}${role.kind}${role.name}${subject.kind}${subject.name}`,
    )
    .digest();
  return `rb-${base32(digest).slice(0, 10).toLowerCase()}`;
}
