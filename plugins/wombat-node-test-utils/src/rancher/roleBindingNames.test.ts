import { base32, roleBindingName } from './roleBindingNames';

describe('roleBindingName', () => {
  it('encodes base32 like RFC 4648, without padding', () => {
    const vectors: Array<[string, string]> = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [input, encoded] of vectors) {
      expect(base32(Buffer.from(input))).toBe(encoded);
    }
  });

  it("names a RoleBinding like Rancher's NameForRoleBinding", () => {
    // Expected values computed independently with Python's hashlib and
    // base64.b32encode over the same concatenation.
    const clusterRole = (name: string) => ({ kind: 'ClusterRole', name });
    expect(
      roleBindingName('ns', clusterRole('project-owner'), {
        kind: 'User',
        name: 'u-abcde',
      }),
    ).toBe('rb-y7tvsypfao');
    expect(
      roleBindingName('payments-dev', clusterRole('admin'), {
        kind: 'User',
        name: 'user-wombat',
      }),
    ).toBe('rb-4krzecjumq');
  });
});
