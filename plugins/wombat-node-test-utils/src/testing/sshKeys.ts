/**
 * Builds syntactically valid OpenSSH ed25519 public keys for tests; `seed`
 * makes each key distinct.
 */
export function fakeEd25519PublicKey(
  seed: number,
  comment = 'test@example',
): string {
  const type = Buffer.from('ssh-ed25519');
  const key = Buffer.alloc(32, seed);
  const blob = Buffer.concat([
    length(type.length),
    type,
    length(key.length),
    key,
  ]);
  return `ssh-ed25519 ${blob.toString('base64')} ${comment}`;
}

function length(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
}
