/*
 * End to end through the real backend process: a real OpenLDAP (Debian's
 * slapd) holds the demo org; Backstage's LDAP catalog module ingests it;
 * users sign in with LDAP passwords; and the running permission backend
 * answers with Wombat's policy, mapping the directory's platform-admins group
 * to admin decisions.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/e2e-ldap.ts
 */
import { startTestSlapd } from '@wombat/plugin-wombat-node-test-utils';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { poll, root, startBackend } from './lib/backendProcess.mjs';

const port = 7019;
const baseUrl = `http://localhost:${port}`;

function log(message: string) {
  console.log(`[e2e:ldap] ${message}`);
}

function expect(condition: boolean, what: string) {
  if (!condition) throw new Error(what);
}

async function main() {
  const slapd = await startTestSlapd();
  const serviceToken = `e2e-ldap-${process.pid}-${Date.now()}`;
  const work = mkdtempSync(join(tmpdir(), 'wombat-e2e-ldap-'));
  const people = `ou=people,${slapd.baseDn}`;
  const config = {
    app: { baseUrl },
    backend: {
      baseUrl,
      listen: { port },
      database: {
        client: 'better-sqlite3',
        connection: { directory: join(work, 'sqlite') },
      },
      auth: {
        externalAccess: [
          { type: 'static', options: { token: serviceToken, subject: 'e2e' } },
        ],
      },
    },
    auth: {
      providers: {
        ldap: {
          development: {
            url: slapd.url,
            bindDn: slapd.bindDn,
            bindPassword: slapd.bindPassword,
            searchBase: people,
            searchFilter: '(objectClass=inetOrgPerson)',
            signIn: {
              resolvers: [{ resolver: 'ldapUidMatchingUserEntityAnnotation' }],
            },
          },
        },
      },
    },
    catalog: {
      // The directory is the only source of users and groups here.
      locations: [],
      providers: {
        ldapOrg: {
          default: {
            target: slapd.url,
            bind: { dn: slapd.bindDn, secret: slapd.bindPassword },
            users: {
              dn: people,
              options: { filter: '(objectClass=inetOrgPerson)' },
            },
            groups: {
              dn: `ou=groups,${slapd.baseDn}`,
              options: { filter: '(objectClass=groupOfNames)' },
              set: { 'spec.type': 'team' },
            },
            schedule: {
              frequency: { minutes: 60 },
              timeout: { minutes: 1 },
              initialDelay: { seconds: 0 },
            },
          },
        },
      },
    },
    wombat: {
      rbac: {
        admins: ['group:default/platform-admins'],
        roles: [{ subject: 'group:default/team-payments', role: 'developer' }],
        defaultRole: 'viewer',
        refreshSeconds: 5,
      },
    },
  };
  const configFile = join(work, 'app-config.e2e.yaml');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const backend = startBackend({
    configs: [join(root, 'app-config.yaml'), configFile],
  });
  const started = Date.now();
  const deadline = started + 180_000;
  try {
    await backend.waitUntilReady(baseUrl, deadline);
    log(`backend ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const signIn = (username: string, password: string) =>
      fetch(`${baseUrl}/api/auth/ldap/refresh`, {
        headers: {
          authorization: `Basic ${Buffer.from(
            `${username}:${password}`,
          ).toString('base64')}`,
          'x-requested-with': 'XMLHttpRequest',
        },
      });

    // Sign-in works once the catalog has ingested the directory; a sign-in
    // before that counts as a failed one, so wait for the catalog first.
    await poll(
      'the directory in the catalog',
      async () =>
        (
          await fetch(
            `${baseUrl}/api/catalog/entities/by-name/user/default/ada`,
            {
              headers: { authorization: `Bearer ${serviceToken}` },
            },
          )
        ).ok,
      deadline,
    );
    const adaSignIn = await signIn('ada', 'ada-password');
    expect(
      adaSignIn.status === 200,
      `ada's sign-in answered ${adaSignIn.status}`,
    );
    const ada = await adaSignIn.json();
    const adaIdentity = ada.backstageIdentity.identity;
    expect(
      adaIdentity.userEntityRef === 'user:default/ada',
      `ada signed in as ${adaIdentity.userEntityRef}`,
    );
    expect(
      adaIdentity.ownershipEntityRefs.includes('group:default/platform-admins'),
      `ada's groups: ${adaIdentity.ownershipEntityRefs}`,
    );
    log(
      'ada signed in with her LDAP password; her token lists group platform-admins',
    );

    const wrong = await signIn('ada', 'not-her-password');
    const unknown = await signIn('nobody', 'whatever');
    const injected = await signIn('*)(uid=*', 'ada-password');
    expect(wrong.status === 401, `wrong password answered ${wrong.status}`);
    expect(unknown.status === 401, `unknown user answered ${unknown.status}`);
    expect(
      injected.status === 401,
      `filter injection answered ${injected.status}`,
    );
    const [wrongBody, unknownBody] = [await wrong.text(), await unknown.text()];
    expect(
      JSON.parse(wrongBody).error.message ===
        JSON.parse(unknownBody).error.message,
      'a wrong password and an unknown user must be told apart by nothing',
    );
    log(
      'a wrong password, an unknown user and a filter injection all get the same 401',
    );

    const jdoe = await (await signIn('jdoe', 'jdoe-password')).json();

    const authorize = async (token: string, name: string, action: string) => {
      const res = await fetch(`${baseUrl}/api/permission/authorize`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          items: [
            {
              id: '1',
              permission: { type: 'basic', name, attributes: { action } },
            },
          ],
        }),
      });
      const body = await res.json();
      return body.items?.[0]?.result ?? `HTTP ${res.status}`;
    };
    const checks: Array<[string, string, string, string]> = [
      ['ada', 'catalog.location.delete', 'delete', 'ALLOW'],
      ['ada', 'scaffolder.template.dry-run', 'read', 'ALLOW'],
      ['ada', 'kubernetes.proxy', 'read', 'ALLOW'],
      ['jdoe', 'catalog.location.delete', 'delete', 'DENY'],
      ['jdoe', 'scaffolder.template.dry-run', 'read', 'DENY'],
      ['jdoe', 'scaffolder.task.create', 'create', 'ALLOW'],
    ];
    const tokens: Record<string, string> = {
      ada: ada.backstageIdentity.token,
      jdoe: jdoe.backstageIdentity.token,
    };
    // The policy reads projects on its own schedule; wait for its first read.
    await poll(
      'the policy to be ready',
      async () =>
        (await authorize(tokens.ada, 'catalog.location.delete', 'delete')) ===
        'ALLOW',
      deadline,
    );
    for (const [user, permission, action, expected] of checks) {
      const result = await authorize(tokens[user], permission, action);
      expect(
        result === expected,
        `${user} ${permission}: expected ${expected}, got ${result}`,
      );
    }
    log(
      'POST /api/permission/authorize: platform-admins member ada gets admin decisions, jdoe (global developer through team-payments) does not',
    );
    log('ok');
  } catch (error) {
    console.error(backend.output().split('\n').slice(-40).join('\n'));
    throw error;
  } finally {
    backend.stop();
    await slapd.stop();
    await new Promise(r => setTimeout(r, 500));
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(`[e2e:ldap] FAILED: ${error.message}`);
  process.exit(1);
});
