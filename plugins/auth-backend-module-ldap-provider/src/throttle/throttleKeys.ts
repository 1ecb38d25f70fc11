import { createHash } from 'crypto';
import net from 'net';

function expandIpv6(address: string): number[] | undefined {
  let text = address;
  const embedded = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (embedded) {
    const parts = embedded[1].split('.').map(Number);
    text = text
      .slice(0, embedded.index)
      .concat(
        ((parts[0] << 8) | parts[1]).toString(16),
        ':',
        ((parts[2] << 8) | parts[3]).toString(16),
      );
  }
  const [head, tail] = text.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const missing = 8 - headParts.length - tailParts.length;
  if (text.includes('::') ? missing < 0 : missing !== 0) {
    return undefined;
  }
  return [...headParts, ...Array(missing).fill('0'), ...tailParts].map(part =>
    parseInt(part, 16),
  );
}

/**
 * The client a request comes from, as a throttle key: an IPv4 address as is
 * (also when the socket shows it IPv4-mapped, `::ffff:192.0.2.1`), an IPv6
 * address by its /64 prefix, which is what one subscriber usually gets, so
 * that walking through one's own /64 does not give fresh budgets.
 *
 * @internal
 */
export function clientAddressKey(address: string | undefined): string {
  const bare = (address ?? '').replace(/%.*$/, '');
  if (net.isIPv4(bare)) {
    return bare;
  }
  if (net.isIPv6(bare)) {
    const groups = expandIpv6(bare);
    if (groups) {
      const mapped =
        groups.slice(0, 5).every(g => g === 0) && groups[5] === 0xffff;
      if (mapped) {
        return [
          groups[6] >> 8,
          groups[6] & 255,
          groups[7] >> 8,
          groups[7] & 255,
        ]
          .map(String)
          .join('.');
      }
      return `${groups
        .slice(0, 4)
        .map(g => g.toString(16))
        .join(':')}::/64`;
    }
  }
  return bare || 'unknown';
}

/**
 * A store key of bounded length for any input: whatever the size of a
 * username or DN, the key is the same few bytes.
 *
 * @internal
 */
export function hashKey(kind: string, value: string): string {
  return `${kind}:${createHash('sha256')
    .update(value, 'utf8')
    .digest('base64url')}`;
}
