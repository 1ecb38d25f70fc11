import fs from 'fs/promises';
import {
  createFakeGitLab,
  createFakeHarbor,
  createFakeProxmox,
  createFakeRancher,
  type FakeGitLab,
  type FakeHarbor,
  type FakeProxmox,
  type FakeRancher,
} from '@wombat/plugin-wombat-node-test-utils';
import { SANDBOX_CREDENTIALS } from '../credentials';
import { BareRepositories } from '../gitlab/BareRepositories';
import type { SandboxSeed } from '../seed/SandboxSeed';
import {
  ldapGroupPrincipal,
  ldapUserPrincipal,
  seedGitLab,
  seedHarbor,
  seedRancher,
} from './seedSystems';
import { seedProxmoxVms, TEMPLATE_VM } from './seedProxmox';
import type { SystemName } from './SystemName';

/** The four simulators, as one sandbox holds them. */
export interface SandboxSystems {
  gitlab: FakeGitLab;
  harbor: FakeHarbor;
  rancher: FakeRancher;
  proxmox: FakeProxmox;
  repositories: BareRepositories;
}

/** How fast the simulated Proxmox works. */
export interface ProxmoxTiming {
  /** How long each task (clone, start, resize…) runs; default 400 ms. */
  taskMs?: number;
  /** How long a started VM takes before its guest agent reports an IP; default 1500 ms. */
  agentReadyMs?: number;
}

/**
 * Creates the simulators at their base URLs, seeded with the demo data.
 * Repositories go into `repositoriesDir`, which must be empty. With
 * `seededRepositories`, a copy of the folder of an earlier build from the
 * same seed, the seed's repositories are copied instead of committed anew,
 * which makes a reset several times faster.
 */
export async function createSystems(options: {
  baseUrls: Record<SystemName, string>;
  seed: SandboxSeed;
  repositoriesDir: string;
  seededRepositories?: string;
  proxmox?: ProxmoxTiming;
}): Promise<SandboxSystems> {
  const { baseUrls, seed } = options;
  if (options.seededRepositories) {
    await fs.cp(options.seededRepositories, options.repositoriesDir, {
      recursive: true,
    });
  }
  const repositories = new BareRepositories(options.repositoriesDir);
  const systems: SandboxSystems = {
    repositories,
    gitlab: createFakeGitLab({
      baseUrl: baseUrls.gitlab,
      token: SANDBOX_CREDENTIALS.gitlab.token,
      users: [
        { id: 1, username: 'root', name: 'Administrator' },
        ...seed.users.map((user, index) => ({
          id: index + 2,
          username: user.username,
          name: user.name,
        })),
      ],
      repositories,
    }),
    harbor: createFakeHarbor({
      baseUrl: baseUrls.harbor,
      ...SANDBOX_CREDENTIALS.harbor,
      users: seed.users.map(user => user.username),
      groups: seed.groups.map(group => group.name),
    }),
    rancher: createFakeRancher({
      baseUrl: baseUrls.rancher,
      token: SANDBOX_CREDENTIALS.rancher.token,
      clusters: seed.clusters,
      principals: [
        ...seed.users.map(user => ldapUserPrincipal(user.username)),
        ...seed.groups.map(group => ldapGroupPrincipal(group.name)),
      ],
    }),
    proxmox: createFakeProxmox({
      baseUrl: baseUrls.proxmox,
      ...SANDBOX_CREDENTIALS.proxmox,
      nodes: seed.nodes,
      vms: [TEMPLATE_VM, ...seedProxmoxVms(seed.vms)],
      taskMs: options.proxmox?.taskMs ?? 400,
      agentReadyMs: options.proxmox?.agentReadyMs ?? 1500,
      // Guests of the demo VMs have .2 upwards; new ones get DHCP from .10.
      nextIp: '10.0.0.10',
    }),
  };
  await seedGitLab(systems.gitlab, repositories, seed, {
    commit: !options.seededRepositories,
  });
  await seedHarbor(systems.harbor, seed);
  await seedRancher(systems.rancher, seed);
  for (const fake of [systems.gitlab, systems.harbor, systems.rancher]) {
    // Seeding is not what a client did: start the records afresh.
    fake.requests.length = 0;
    fake.violations.length = 0;
  }
  return systems;
}
