import { clientAddressKey, hashKey } from './throttleKeys';

describe('clientAddressKey', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['::ffff:c000:201', '192.0.2.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::ffff', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2:aaaa::1', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    [undefined, 'unknown'],
    ['', 'unknown'],
  ])('keys %j as %j', (address, key) => {
    expect(clientAddressKey(address)).toBe(key);
  });
});

describe('hashKey', () => {
  it('has the same length for any input', () => {
    expect(hashKey('name', 'a')).toHaveLength(
      hashKey('name', 'x'.repeat(12_000)).length,
    );
    expect(hashKey('name', 'a')).not.toBe(hashKey('dn', 'a'));
  });
});
