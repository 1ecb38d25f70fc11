const KEY_TYPES = new Set([
  'ssh-rsa',
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'sk-ssh-ed25519@openssh.com',
  'sk-ecdsa-sha2-nistp256@openssh.com',
]);

/** An OpenSSH public key, split into its parts. @public */
export interface SshPublicKey {
  type: string;
  /** The base64 key blob. */
  blob: string;
  comment?: string;
}

/**
 * Parses an OpenSSH public key line (`ssh-ed25519 AAAA... comment`) and
 * checks it the way a server would: a known type, a base64 blob, and a blob
 * that starts with that same type. Throws an Error saying what is wrong.
 *
 * @public
 */
export function parseSshPublicKey(line: string): SshPublicKey {
  const [type, blob, ...comment] = line.trim().split(/\s+/);
  if (!type || !blob) {
    throw new Error(
      'is not an OpenSSH public key: expected "<type> <base64 key> [comment]"',
    );
  }
  if (!KEY_TYPES.has(type)) {
    throw new Error(
      `has the unknown key type "${type}" (expected one of ${[
        ...KEY_TYPES,
      ].join(', ')})`,
    );
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(blob)) {
    throw new Error('has a key part that is not base64');
  }
  const bytes = Buffer.from(blob, 'base64');
  const length = bytes.length >= 4 ? bytes.readUInt32BE(0) : -1;
  const embeddedType =
    length > 0 && length + 4 <= bytes.length
      ? bytes.subarray(4, 4 + length).toString('latin1')
      : undefined;
  if (embeddedType !== type) {
    throw new Error(
      `has a key part that is not a ${type} key${
        embeddedType ? ` (it holds ${embeddedType})` : ''
      }`,
    );
  }
  return {
    type,
    blob,
    ...(comment.length ? { comment: comment.join(' ') } : {}),
  };
}

/**
 * Whether two public key lines are the same key, whatever their comments.
 *
 * @public
 */
export function isSameSshKey(a: string, b: string): boolean {
  const [typeA, blobA] = a.trim().split(/\s+/);
  const [typeB, blobB] = b.trim().split(/\s+/);
  return typeA === typeB && blobA === blobB;
}
