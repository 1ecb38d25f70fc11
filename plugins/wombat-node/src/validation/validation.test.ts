import {
  explainInvalidGitLabPath,
  explainInvalidGitLabVariableKey,
  explainUnmaskableValue,
} from './gitlabNames';
import { explainInvalidHarborName } from './harborNames';
import { isSameSshKey, parseSshPublicKey } from './sshPublicKey';

const ED25519 =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAcs7rbRiJmYKirp7WzM4v6LbX4mhxSvAO8ZuZHiZG5+ argo-cd@platform';
const RSA_BLOB_WITH_ED25519_TYPE =
  'ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIAcs7rbRiJmYKirp7WzM4v6LbX4mhxSvAO8ZuZHiZG5+';

describe('GitLab names', () => {
  it.each(['payments', 'payments-api', 'my_group', 'v1.2', 'a', '_x'])(
    'accepts the path %j',
    path => expect(explainInvalidGitLabPath(path)).toBeUndefined(),
  );

  it.each([
    ['', 'must not be empty'],
    ['-payments', 'cannot start with "-"'],
    ['payments.', 'end with "."'],
    ['pay ments', 'can contain only letters'],
    ['payments.git', 'cannot end in ".git"'],
    ['feed.atom', 'cannot end in ".git" or ".atom"'],
    ['a'.repeat(256), 'at most 255'],
  ])('rejects the path %j', (path, reason) => {
    expect(explainInvalidGitLabPath(path)).toContain(reason);
  });

  it('checks variable keys and maskable values', () => {
    expect(explainInvalidGitLabVariableKey('HARBOR_PASSWORD')).toBeUndefined();
    expect(explainInvalidGitLabVariableKey('HARBOR-PASSWORD')).toContain(
      'only letters',
    );
    expect(explainUnmaskableValue('0123456789abcdef')).toBeUndefined();
    expect(explainUnmaskableValue('short')).toContain('at least 8');
    expect(explainUnmaskableValue('has a space')).toContain('spaces');
  });
});

describe('Harbor names', () => {
  it.each(['payments', 'web.shop', 'a_b-c', 'p1'])('accepts %j', name =>
    expect(explainInvalidHarborName(name)).toBeUndefined(),
  );

  it.each(['Payments', 'web--shop', '-web', 'web-', 'web shop', ''])(
    'rejects %j',
    name => expect(explainInvalidHarborName(name)).toBeDefined(),
  );
});

describe('OpenSSH public keys', () => {
  it('parses a key with its comment', () => {
    expect(parseSshPublicKey(ED25519)).toEqual({
      type: 'ssh-ed25519',
      blob: 'AAAAC3NzaC1lZDI1NTE5AAAAIAcs7rbRiJmYKirp7WzM4v6LbX4mhxSvAO8ZuZHiZG5+',
      comment: 'argo-cd@platform',
    });
  });

  it.each([
    ['', 'is not an OpenSSH public key'],
    ['ssh-ed25519', 'is not an OpenSSH public key'],
    ['ssh-dss AAAAB3NzaC1kc3M=', 'unknown key type "ssh-dss"'],
    ['ssh-ed25519 not*base64', 'not base64'],
    [RSA_BLOB_WITH_ED25519_TYPE, 'is not a ssh-rsa key (it holds ssh-ed25519)'],
    ['-----BEGIN OPENSSH PRIVATE KEY-----', 'unknown key type'],
  ])('rejects %j', (line, reason) => {
    expect(() => parseSshPublicKey(line)).toThrow(reason);
  });

  it('compares keys without their comments', () => {
    const [type, blob] = ED25519.split(' ');
    expect(isSameSshKey(ED25519, `${type} ${blob} other comment`)).toBe(true);
    expect(isSameSshKey(ED25519, `${type} ${blob.replace('Z', 'Y')}`)).toBe(
      false,
    );
  });
});
