import { createHash } from 'crypto';

/** An OpenSSH public key line that GitLab would accept. */
export interface ParsedSshPublicKey {
  type: string;
  /** `SHA256:<unpadded base64>`, as `ssh-keygen -l` prints it. */
  fingerprintSha256: string;
  /** Colon-separated MD5 hex, GitLab's legacy `fingerprint`. */
  fingerprintMd5: string;
}

const KEY_TYPES = new Set([
  'ssh-rsa',
  'ssh-dss',
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ecdsa-sha2-nistp256@openssh.com',
  'sk-ssh-ed25519@openssh.com',
]);

/**
 * Parses `<type> <base64 blob> [comment]`. The blob must decode and start
 * with the same type name, which is how GitLab (through net-ssh) tells a real
 * key from random text.
 */
export function parseSshPublicKey(
  text: string,
): ParsedSshPublicKey | undefined {
  const [type, encoded] = text.trim().split(/\s+/);
  if (!type || !encoded || !KEY_TYPES.has(type)) {
    return undefined;
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) {
    return undefined;
  }
  const blob = Buffer.from(encoded, 'base64');
  if (blob.length < 4) {
    return undefined;
  }
  const nameLength = blob.readUInt32BE(0);
  if (
    4 + nameLength > blob.length ||
    blob.toString('latin1', 4, 4 + nameLength) !== type
  ) {
    return undefined;
  }
  const sha256 = createHash('sha256').update(blob).digest('base64');
  const md5 = createHash('md5').update(blob).digest('hex');
  return {
    type,
    fingerprintSha256: `SHA256:${sha256.replace(/=+$/, '')}`,
    fingerprintMd5: md5.match(/../g)!.join(':'),
  };
}
