/*
 * Times the policy's decisions: 100,000 decisions over a mix of permissions
 * and users, with 10,000 projects in the directory, beside Backstage's
 * allow-all policy in the same run. Prints decisions per second and the
 * median and 99th percentile per decision (timed in batches) for both.
 *
 *   yarn bench:policy           (from the repository root)
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  PermissionPolicy,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  actionExecutePermission,
  taskCreatePermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import { ProjectEntityV1alpha1 } from '@wombat/plugin-wombat-common';
import { performance } from 'node:perf_hooks';
import { ProjectDirectory } from '../src/policy/ProjectDirectory';
import { readRbacConfig } from '../src/policy/RbacConfig';
import { WombatPermissionPolicy } from '../src/policy/WombatPermissionPolicy';

const PROJECTS = 10_000;
const DECISIONS = 100_000;
const USERS = 1_000;

function makeProjects(): ProjectEntityV1alpha1[] {
  return Array.from({ length: PROJECTS }, (_, i) => ({
    apiVersion: 'wombat.dev/v1alpha1',
    kind: 'Project',
    metadata: { name: `project-${i}`, namespace: 'default' },
    spec: {
      owner: `group:default/team-${i % 500}`,
      lifecycle: 'production',
      // One project in ten is private.
      visibility: i % 10 === 0 ? 'private' : 'internal',
      members: [
        { member: `user:default/user-${i % USERS}`, role: 'manager' },
        { member: `user:default/user-${(i * 7) % USERS}`, role: 'developer' },
        { member: `group:default/team-${(i * 3) % 500}`, role: 'viewer' },
      ],
    },
  }));
}

const ownership = new Map<string, string[]>();
const users: PolicyQueryUser[] = Array.from({ length: USERS }, (_, i) => {
  const ref = `user:default/user-${i}`;
  ownership.set(ref, [
    ref,
    `group:default/team-${i % 500}`,
    `group:default/team-${(i + 1) % 500}`,
  ]);
  // As the permission backend calls the policy: with the user's info read.
  return {
    credentials: mockCredentials.user(ref),
    info: { userEntityRef: ref, ownershipEntityRefs: ownership.get(ref)! },
  };
});

const userInfo = {
  async getUserInfo(credentials: any) {
    const ref = credentials.principal.userEntityRef;
    return { userEntityRef: ref, ownershipEntityRefs: ownership.get(ref)! };
  },
};

const permissions = [
  catalogEntityReadPermission,
  catalogEntityReadPermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogEntityDeletePermission,
  catalogLocationReadPermission,
  taskCreatePermission,
  actionExecutePermission,
];

const silentLogger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => silentLogger,
};

/** What Backstage's AllowAllPermissionPolicy does (its package does not export the class). */
const allowAll: PermissionPolicy = {
  async handle() {
    return { result: 'ALLOW' as any };
  },
};

/*
 * Decisions are timed in batches of 100: a single decision takes well under
 * a microsecond, close to the clock's resolution. The median and p99 are of
 * the per-decision time of each batch.
 */
const BATCH = 100;

async function time(policy: PermissionPolicy) {
  const batches = DECISIONS / BATCH;
  const samples = new Float64Array(batches);
  // Warm up the JIT and the per-user caches first.
  for (let i = 0; i < 10_000; i++) {
    await policy.handle(
      { permission: permissions[i % permissions.length] },
      users[i % USERS],
    );
  }
  const started = performance.now();
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (let k = 0; k < BATCH; k++) {
      const i = b * BATCH + k;
      await policy.handle(
        { permission: permissions[i % permissions.length] },
        users[(i * 31) % USERS],
      );
    }
    samples[b] = (performance.now() - t0) / BATCH;
  }
  const totalMs = performance.now() - started;
  samples.sort();
  return {
    perSecond: Math.round(DECISIONS / (totalMs / 1000)),
    medianUs: samples[Math.floor(batches / 2)] * 1000,
    p99Us: samples[Math.floor(batches * 0.99)] * 1000,
  };
}

async function main() {
  const loadStarted = performance.now();
  const directory = new ProjectDirectory(makeProjects());
  const loadMs = performance.now() - loadStarted;
  const wombat = new WombatPermissionPolicy({
    config: readRbacConfig(
      new ConfigReader({
        wombat: {
          rbac: {
            admins: ['group:default/team-0'],
            roles: [{ subject: 'group:default/team-1', role: 'developer' }],
          },
        },
      }),
    ),
    directory: { current: () => directory },
    userInfo,
    logger: silentLogger,
  });

  const baseline = await time(allowAll);
  const result = await time(wombat);
  const row = (name: string, r: typeof result) =>
    `${name.padEnd(22)} ${String(r.perSecond).padStart(
      10,
    )}/s   median ${r.medianUs.toFixed(2).padStart(6)} µs   p99 ${r.p99Us
      .toFixed(2)
      .padStart(7)} µs`;
  console.log(
    `${PROJECTS} projects (${
      directory.privateProjects.length
    } private) indexed in ${loadMs.toFixed(0)} ms`,
  );
  console.log(
    `${DECISIONS} decisions each, ${USERS} users, ${permissions.length} permissions in turn`,
  );
  console.log(row('allow-all policy', baseline));
  console.log(row('Wombat policy', result));
  const ratio = result.medianUs / baseline.medianUs;
  console.log(
    `median ratio: ${ratio.toFixed(
      2,
    )}x allow-all (target under 20 µs and within 5x)`,
  );
  if (result.medianUs >= 20 || ratio > 5) {
    process.exitCode = 1;
  }
}

main();
