#!/usr/bin/env node
// Starts the real backend process the way `yarn start` does, on a fresh
// SQLite directory or a fresh PostgreSQL database, waits until it reports
// ready, and checks that the catalog serves the demo Projects and Clusters
// with their relations. Prints how long the backend took to become ready and
// to finish loading the demo catalog.
//
//   node scripts/smoke-backend.mjs --database sqlite|postgres
//
// PostgreSQL comes from POSTGRES_HOST/PORT/USER/PASSWORD, as in
// app-config.production.yaml (default: the local server, user postgres).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { postgres, withPostgres } from './lib/postgres.mjs';
import { poll, root, startBackend } from './lib/backendProcess.mjs';

const { values: args } = parseArgs({
  options: {
    database: { type: 'string', default: 'sqlite' },
    port: { type: 'string', default: '7017' },
    timeout: { type: 'string', default: '120' },
  },
});
if (!['sqlite', 'postgres'].includes(args.database)) {
  throw new Error(
    `--database must be sqlite or postgres, not ${args.database}`,
  );
}

const port = Number(args.port);
const baseUrl = `http://localhost:${port}`;
const work = mkdtempSync(join(tmpdir(), 'wombat-smoke-'));
const smokeDatabase = `wombat_smoke_${process.pid}`;
// Automation's token: with the production configuration nobody can sign in
// without a directory, and the guest must not exist.
const serviceToken = `smoke-${process.pid}-${Date.now()}`;

function log(message) {
  console.log(`[smoke:${args.database}] ${message}`);
}

// Overrides on top of app-config.yaml (and, for PostgreSQL, the production
// file): our own port, a throw-away database, the demo catalog.
function writeSmokeConfig() {
  const database =
    args.database === 'sqlite'
      ? {
          client: 'better-sqlite3',
          connection: { directory: join(work, 'sqlite') },
        }
      : {
          client: 'pg',
          pluginDivisionMode: 'schema',
          connection: { database: smokeDatabase },
        };
  const config = {
    app: { baseUrl },
    backend: {
      baseUrl,
      listen: { port },
      database,
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: serviceToken, subject: 'smoke-test' },
          },
        ],
      },
    },
    // No Proxmox answers here, whether or not a sandbox runs on this
    // machine, so the catalog holds no VMs and the parts below are exact.
    wombat: {
      proxmox: {
        instances: [
          {
            name: 'default',
            url: 'http://127.0.0.1:1',
            tokenId: 'smoke@pve!smoke',
            tokenSecret: 'smoke-test',
            node: 'pve1',
          },
        ],
      },
    },
    catalog: {
      locations: [
        {
          type: 'file',
          target: join(root, 'catalog-info/locations.yaml'),
          rules: [
            {
              allow: [
                'Location',
                'User',
                'Group',
                'Project',
                'Cluster',
                'Component',
                'Resource',
              ],
            },
          ],
        },
      ],
    },
  };
  const file = join(work, 'app-config.smoke.yaml');
  // JSON is YAML.
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

function startSmokeBackend(configFile) {
  const configs = [join(root, 'app-config.yaml')];
  if (args.database === 'postgres') {
    configs.push(join(root, 'app-config.production.yaml'));
  }
  configs.push(configFile);
  return startBackend({
    configs,
    env: {
      POSTGRES_HOST: postgres.host,
      POSTGRES_PORT: postgres.port,
      POSTGRES_USER: postgres.user,
      POSTGRES_PASSWORD: postgres.password,
      // app-config.production.yaml reads the integrations from the
      // environment; the smoke test makes no calls to them.
      GITLAB_HOST: process.env.GITLAB_HOST ?? 'gitlab.example.com',
      GITLAB_TOKEN: process.env.GITLAB_TOKEN ?? 'smoke-test',
      HARBOR_URL: process.env.HARBOR_URL ?? 'https://harbor.example.com',
      HARBOR_USERNAME: process.env.HARBOR_USERNAME ?? 'admin',
      HARBOR_PASSWORD: process.env.HARBOR_PASSWORD ?? 'smoke-test',
      // No directory here: the LDAP ingestion fails on its schedule, which
      // does not stop the backend; scripts/e2e-ldap.ts uses a real one.
      LDAP_URL: process.env.LDAP_URL ?? 'ldap://127.0.0.1:1',
      LDAP_BIND_DN: process.env.LDAP_BIND_DN ?? 'cn=admin,dc=example',
      LDAP_BIND_PASSWORD: process.env.LDAP_BIND_PASSWORD ?? 'smoke-test',
      LDAP_USERS_DN: process.env.LDAP_USERS_DN ?? 'ou=people,dc=example',
      LDAP_GROUPS_DN: process.env.LDAP_GROUPS_DN ?? 'ou=groups,dc=example',
    },
  });
}

function relations(entity, type) {
  return (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef)
    .sort();
}

function expectEqual(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(
      `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(
        actual,
      )}`,
    );
  }
}

async function main() {
  if (args.database === 'postgres') {
    await withPostgres(c =>
      c.query(`DROP DATABASE IF EXISTS ${smokeDatabase}`),
    );
  }
  const backend = startSmokeBackend(writeSmokeConfig());
  const started = Date.now();
  const deadline = started + Number(args.timeout) * 1000;
  try {
    await backend.waitUntilReady(baseUrl, deadline);
    const readyMs = Date.now() - started;
    log(`backend ready after ${(readyMs / 1000).toFixed(1)} s`);

    const guest = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
      method: 'POST',
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    let token;
    if (args.database === 'postgres') {
      // The production configuration, in a development-mode process as
      // `yarn start` runs it: still no guest.
      expectEqual(
        guest.status,
        404,
        'guest sign-in with the production config',
      );
      log('no guest sign-in with the production configuration');
      token = serviceToken;
    } else {
      token = (await guest.json()).backstageIdentity?.token;
      if (!token) throw new Error(`guest sign-in failed: ${guest.status}`);
    }
    const unauthenticated = await fetch(
      `${baseUrl}/api/catalog/entities?limit=1`,
    );
    expectEqual(unauthenticated.status, 401, 'catalog without a token');

    const query = async filter => {
      const res = await fetch(
        `${baseUrl}/api/catalog/entities/by-query?${filter}&limit=100`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      if (!res.ok) throw new Error(`catalog answered ${res.status}`);
      return (await res.json()).items;
    };
    // Stitching writes the reverse relations last: wait for the last ones.
    const [projects, clusters] = await poll(
      'the demo catalog',
      async () => {
        const p = await query('filter=kind=project');
        const c = await query('filter=kind=cluster');
        const done =
          p.length === 4 &&
          c.length === 2 &&
          p.every(e => relations(e, 'ownedBy').length === 1) &&
          p.find(e => e.metadata.name === 'payments') &&
          relations(
            p.find(e => e.metadata.name === 'payments'),
            'projectHasPart',
          ).length === 2 &&
          relations(
            c.find(e => e.metadata.name === 'dev-eu'),
            'deploymentTargetOf',
            // risk-engine is private: its relations point out of it only.
          ).length === 2;
        return done && [p, c];
      },
      deadline,
    );
    const catalogMs = Date.now() - started;

    const payments = projects.find(e => e.metadata.name === 'payments');
    expectEqual(
      relations(payments, 'hasProjectMember'),
      [
        'group:default/auditors',
        'user:default/dana',
        'user:default/jdoe',
        'user:default/kim',
        'user:default/maria',
      ],
      'payments members',
    );
    expectEqual(
      relations(payments, 'deploysTo'),
      ['cluster:default/dev-eu', 'cluster:default/prod-eu'],
      'payments clusters',
    );
    expectEqual(
      relations(payments, 'projectHasPart'),
      ['component:default/invoice-worker', 'component:default/payments-api'],
      'payments parts',
    );
    const prodEu = clusters.find(e => e.metadata.name === 'prod-eu');
    expectEqual(
      relations(prodEu, 'deploymentTargetOf'),
      ['project:default/payments'],
      'prod-eu projects',
    );
    expectEqual(
      relations(prodEu, 'ownedBy'),
      ['group:default/platform'],
      'prod-eu owner',
    );
    const [maria] = await query('filter=kind=user,metadata.name=maria');
    expectEqual(
      relations(maria, 'projectMemberOf'),
      // Not the private risk-engine, which she is in too: a User, which
      // everyone reads, does not name a private project.
      ['project:default/payments'],
      'maria projects',
    );

    log(
      `demo catalog loaded with relations after ${(catalogMs / 1000).toFixed(
        1,
      )} s`,
    );

    // The scaffolder lists Wombat's actions with their schemas and examples
    // (what /create/actions shows), and not Backstage's GitLab actions,
    // which act with the integration's token on whatever a step names.
    const actions = await fetch(`${baseUrl}/api/scaffolder/v2/actions`, {
      headers: { Authorization: `Bearer ${token}` },
    }).then(r => r.json());
    for (const id of [
      'gitlab:project:create',
      'harbor:project:create',
      'harbor:robot:create',
      'harbor:webhook:create',
      'rancher:project:create',
      'rancher:namespace:create',
      'proxmox:vm:create',
      'proxmox:vm:destroy',
      'wombat:catalog:register',
    ]) {
      const action = actions.find(a => a.id === id);
      if (
        !action?.schema?.input?.properties ||
        !(action.examples?.length > 0)
      ) {
        throw new Error(
          `scaffolder action ${id} is missing, or has no schema or examples`,
        );
      }
    }
    const backstageGitLab = actions.filter(
      a =>
        /^(publish:gitlab|gitlab:)/.test(a.id) &&
        a.id !== 'gitlab:project:create',
    );
    expectEqual(
      backstageGitLab.map(a => a.id),
      [],
      "Backstage's GitLab actions",
    );
    log(
      `scaffolder lists ${actions.length} actions, Wombat's with schemas and examples`,
    );
    log('ok');
  } catch (error) {
    console.error(backend.output().split('\n').slice(-40).join('\n'));
    throw error;
  } finally {
    backend.stop();
    await new Promise(r => setTimeout(r, 500));
    if (args.database === 'postgres') {
      await withPostgres(c =>
        c.query(`DROP DATABASE IF EXISTS ${smokeDatabase} WITH (FORCE)`),
      );
    }
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(`[smoke:${args.database}] FAILED: ${error.message}`);
  process.exit(1);
});
