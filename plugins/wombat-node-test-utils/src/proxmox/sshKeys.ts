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
 * PVE::Tools::validate_ssh_public_keys runs `ssh-keygen -l` on every
 * non-empty line. This accepts a line when it is `<type> <base64 blob>
 * [comment]` and the blob starts with the same type name, which is what
 * ssh-keygen needs to fingerprint it.
 */
export function invalidSshKeyLine(keys: string): string | undefined {
  return keys
    .split('\n')
    .filter(line => !/^\s*$/.test(line))
    .find(line => !isPublicKeyLine(line));
}

function isPublicKeyLine(line: string): boolean {
  const [type, encoded] = line.trim().split(/\s+/);
  if (
    !KEY_TYPES.has(type) ||
    !encoded ||
    !/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)
  ) {
    return false;
  }
  const blob = Buffer.from(encoded, 'base64');
  if (blob.length < 4) {
    return false;
  }
  const nameLength = blob.readUInt32BE(0);
  return (
    4 + nameLength <= blob.length &&
    blob.toString('latin1', 4, 4 + nameLength) === type
  );
}

/** URI::Escape::uri_unescape: decodes what it can, leaves the rest. */
export function uriUnescape(value: string): string {
  return value.replace(/(%[0-9A-Fa-f]{2})+/g, sequence => {
    try {
      return decodeURIComponent(sequence);
    } catch {
      return sequence;
    }
  });
}
