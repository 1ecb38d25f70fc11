import { execFile } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { promisify } from 'util';
import { answersAnonymousBind } from './ldapProbe';
import { startTestSlapd, TestSlapd } from './startTestSlapd';

const exec = promisify(execFile);

async function whoami(url: string, dn: string, password: string) {
  const { stdout } = await exec('ldapwhoami', [
    '-x',
    '-H',
    url,
    '-D',
    dn,
    '-w',
    password,
  ]);
  return stdout.trim();
}

async function search(
  url: string,
  base: string,
  filter: string,
  attrs: string[],
) {
  const { stdout } = await exec('ldapsearch', [
    '-x',
    '-LLL',
    '-o',
    'ldif-wrap=no',
    '-H',
    url,
    '-b',
    base,
    filter,
    ...attrs,
  ]);
  return stdout;
}

function slapdDirs(): string[] {
  return fs
    .readdirSync(os.tmpdir())
    .filter(name => name.startsWith('wombat-slapd-'));
}

describe('startTestSlapd', () => {
  describe('with the demo directory', () => {
    let slapd: TestSlapd;
    beforeAll(async () => {
      slapd = await startTestSlapd();
    });
    afterAll(() => slapd.stop());

    it('answers on loopback with the demo suffix and root DN', () => {
      expect(slapd.url).toMatch(/^ldap:\/\/127\.0\.0\.1:\d+$/);
      expect(slapd.baseDn).toBe('dc=acme,dc=example');
      expect(slapd.bindDn).toBe('cn=admin,dc=acme,dc=example');
    });

    it('lets users and the root DN bind with their passwords only', async () => {
      await expect(
        whoami(
          slapd.url,
          'uid=jdoe,ou=people,dc=acme,dc=example',
          'jdoe-password',
        ),
      ).resolves.toBe('dn:uid=jdoe,ou=people,dc=acme,dc=example');
      await expect(
        whoami(slapd.url, slapd.bindDn, slapd.bindPassword),
      ).resolves.toBe(`dn:${slapd.bindDn}`);
      await expect(
        whoami(
          slapd.url,
          'uid=jdoe,ou=people,dc=acme,dc=example',
          'kim-password',
        ),
      ).rejects.toThrow(/Invalid credentials \(49\)/);
    });

    it('holds the users of org.yaml, without readable passwords', async () => {
      const people = await search(
        slapd.url,
        'ou=people,dc=acme,dc=example',
        '(objectClass=inetOrgPerson)',
        ['uid', 'userPassword'],
      );
      const uids = [...people.matchAll(/^uid: (.*)$/gm)].map(m => m[1]);
      expect(uids.sort()).toEqual([
        'ada',
        'dana',
        'evil',
        'jdoe',
        'kim',
        'linus',
        'maria',
        'raj',
        'sofia',
        'tom',
        'victor',
      ]);
      expect(people).not.toMatch(/userPassword/);

      const jdoe = await search(slapd.url, slapd.baseDn, '(uid=jdoe)', [
        'cn',
        'mail',
        'displayName',
        'entryUUID',
      ]);
      expect(jdoe).toContain('cn: Jane Doe');
      expect(jdoe).toContain('displayName: Jane Doe');
      expect(jdoe).toContain('mail: jdoe@acme.example');
      expect(jdoe).toMatch(/entryUUID: [0-9a-f-]{36}/);
    });

    it('holds the groups of org.yaml with their members', async () => {
      const payments = await search(
        slapd.url,
        'ou=groups,dc=acme,dc=example',
        '(cn=team-payments)',
        ['member'],
      );
      const members = [...payments.matchAll(/^member: (.*)$/gm)].map(m => m[1]);
      expect(members.sort()).toEqual([
        'uid=jdoe,ou=people,dc=acme,dc=example',
        'uid=kim,ou=people,dc=acme,dc=example',
        'uid=maria,ou=people,dc=acme,dc=example',
      ]);

      const platform = await search(
        slapd.url,
        'ou=groups,dc=acme,dc=example',
        '(cn=platform)',
        ['member'],
      );
      expect(platform).toContain(
        'member: cn=platform-admins,ou=groups,dc=acme,dc=example',
      );
      const groups = await search(
        slapd.url,
        'ou=groups,dc=acme,dc=example',
        '(objectClass=groupOfNames)',
        ['cn'],
      );
      expect(
        [...groups.matchAll(/^cn: (.*)$/gm)].map(m => m[1]).sort(),
      ).toEqual([
        'auditors',
        'platform',
        'platform-admins',
        'team-payments',
        'team-web',
      ]);
    });
  });

  it('loads a given LDIF, adds the base entry, and cleans up on stop', async () => {
    const before = slapdDirs();
    const started = Date.now();
    const slapd = await startTestSlapd({
      baseDn: 'dc=other,dc=test',
      bindPassword: 'other-secret',
      ldif: [
        'dn: uid=solo,dc=other,dc=test',
        'objectClass: inetOrgPerson',
        'uid: solo',
        'cn: Solo',
        'sn: Solo',
        'userPassword: solo-password',
        '',
      ].join('\n'),
    });
    expect(Date.now() - started).toBeLessThan(5000);
    const port = Number(new URL(slapd.url).port);
    try {
      await expect(
        whoami(slapd.url, 'uid=solo,dc=other,dc=test', 'solo-password'),
      ).resolves.toBe('dn:uid=solo,dc=other,dc=test');
      await expect(
        whoami(slapd.url, 'cn=admin,dc=other,dc=test', 'other-secret'),
      ).resolves.toBe('dn:cn=admin,dc=other,dc=test');
      expect(slapdDirs().length).toBe(before.length + 1);
    } finally {
      await slapd.stop();
      await slapd.stop();
    }
    expect(slapdDirs()).toEqual(before);
    await expect(answersAnonymousBind('127.0.0.1', port, 500)).resolves.toBe(
      false,
    );
  });

  it('reports a broken LDIF with the message of slapadd', async () => {
    const before = slapdDirs();
    await expect(
      startTestSlapd({ ldif: 'dn: uid=x,dc=acme,dc=example\nnoSuchAttr: 1\n' }),
    ).rejects.toThrow(/slapadd failed: .+/);
    expect(slapdDirs()).toEqual(before);
  });

  it('says what to install when slapd is missing', async () => {
    await expect(
      startTestSlapd({ slapdPath: path.join(os.tmpdir(), 'no-such-slapd') }),
    ).rejects.toThrow(
      /no-such-slapd was not found: install Debian's slapd and ldap-utils/,
    );
  });
});
