import { foldDn, foldUsername } from './folding';
import { JDOE_VARIANTS } from './__testUtils__/jdoeVariants';

describe('foldUsername', () => {
  it.each([...JDOE_VARIANTS, 'ｊｄｏｅ', ' JDoe', 'jdoe\u00a0'])(
    'folds %j to jdoe',
    variant => {
      expect(foldUsername(variant)).toBe('jdoe');
    },
  );

  it('keeps different names apart', () => {
    expect(foldUsername('jdoe2')).not.toBe(foldUsername('jdoe'));
    expect(foldUsername('j doe')).not.toBe(foldUsername('jdoe'));
    expect(foldUsername('')).toBe('');
    expect(foldUsername(' \u3000 ')).toBe('');
  });

  it('merges rather more than the directory, never less', () => {
    expect(foldUsername('straße')).toBe(foldUsername('STRASSE'));
    expect(foldUsername('j  doe')).toBe(foldUsername('j doe'));
  });
});

describe('foldDn', () => {
  it('gives one key for the spellings of one DN', () => {
    const key = foldDn('uid=jdoe,ou=people,dc=acme,dc=example');
    expect(foldDn('UID=JDoe, OU=People, DC=acme, DC=example')).toBe(key);
    expect(foldDn('uid = jdoe , ou=people,dc=acme,dc=example')).toBe(key);
    expect(foldDn('uid=jdoe\\,x,ou=people,dc=acme,dc=example')).not.toBe(key);
  });
});
