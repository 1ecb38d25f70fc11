import { fakeEd25519PublicKey } from '../testing/sshKeys';
import { parseSshPublicKey } from './sshPublicKey';

describe('parseSshPublicKey', () => {
  it('parses a key and computes its fingerprints', () => {
    const parsed = parseSshPublicKey(fakeEd25519PublicKey(9));
    expect(parsed?.type).toBe('ssh-ed25519');
    expect(parsed?.fingerprintSha256).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(parsed?.fingerprintMd5).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
  });

  it('refuses text that only looks like a key', () => {
    const [, blob] = fakeEd25519PublicKey(9).split(' ');
    expect(parseSshPublicKey('hello world')).toBeUndefined();
    expect(parseSshPublicKey(`ssh-rsa ${blob}`)).toBeUndefined();
    expect(parseSshPublicKey('ssh-ed25519 AAAA')).toBeUndefined();
    expect(parseSshPublicKey('ssh-ed25519 not*base64')).toBeUndefined();
  });
});
