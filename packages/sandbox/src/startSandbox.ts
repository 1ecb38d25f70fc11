import fs from 'fs/promises';
import type http from 'http';
import os from 'os';
import path from 'path';
import { sandboxAppConfig, type SandboxAppConfig } from './appConfig';
import { Faults, type SandboxFault } from './http/faults';
import { snapshotState, type SandboxState } from './http/sandboxState';
import {
  createSystemServer,
  listen,
  type RequestLogger,
} from './http/systemServer';
import { readDemoSeed } from './seed/readDemoSeed';
import type { SandboxSeed } from './seed/SandboxSeed';
import {
  createSystems,
  type ProxmoxTiming,
  type SandboxSystems,
} from './systems/createSystems';
import { SYSTEM_NAMES, type SystemName } from './systems/SystemName';

/** @public */
export interface SandboxOptions {
  /** Where the servers listen; default 127.0.0.1. */
  host?: string;
  /** A port per system; 0 or absent picks a free port. */
  ports?: Partial<Record<SystemName, number>>;
  /** What the systems hold at start and after a reset; default: the demo catalog. */
  seed?: SandboxSeed;
  proxmox?: ProxmoxTiming;
  /** Called with a line per request. */
  log?: RequestLogger;
}

/** @public */
export interface Sandbox {
  /** Each simulator's base URL, e.g. `http://127.0.0.1:7101`. */
  urls: Record<SystemName, string>;
  /** The simulators themselves, for in-process assertions; replaced by `reset()`. */
  systems(): SandboxSystems;
  state(options?: { secrets?: boolean }): SandboxState;
  /** Back to the seed: every created object and pending fault is gone. */
  reset(): Promise<void>;
  addFault(fault: SandboxFault): SandboxFault;
  /**
   * The portal configuration that points at this sandbox:
   * `integrations.gitlab` and `wombat.harbor|rancher|proxmox`.
   */
  appConfig(): SandboxAppConfig;
  stop(): Promise<void>;
}

/**
 * Starts the four simulators, each on its own loopback port, seeded with the
 * demo organisation. Git repositories live in a temporary folder that
 * `stop()` removes.
 *
 * @public
 */
export async function startSandbox(
  options: SandboxOptions = {},
): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const seed = options.seed ?? readDemoSeed();
  const faults = new Faults();
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'wombat-sandbox-'));
  let generation = 0;
  let systems: SandboxSystems | undefined;
  const servers = {} as Record<SystemName, http.Server>;
  const urls = {} as Record<SystemName, string>;
  const seeded = () => systems;
  const current = () => {
    if (!systems) throw new Error('The sandbox is starting');
    return systems;
  };

  // The seed's repositories as first built, copied by every reset.
  const seededRepositories = path.join(workDir, 'seeded-repositories');
  const build = async () => {
    generation += 1;
    const repositoriesDir = path.join(workDir, `repositories-${generation}`);
    const first = generation === 1;
    if (first) {
      await fs.mkdir(repositoriesDir);
    }
    const built = await createSystems({
      baseUrls: urls,
      seed,
      repositoriesDir,
      seededRepositories: first ? undefined : seededRepositories,
      proxmox: options.proxmox,
    });
    if (first) {
      await fs.cp(repositoriesDir, seededRepositories, { recursive: true });
    }
    return built;
  };

  const sandboxState = (stateOptions: { secrets?: boolean } = {}) =>
    snapshotState(current(), faults, {
      secrets: stateOptions.secrets ?? false,
    });
  const reset = async () => {
    const previous = systems;
    faults.clear();
    systems = await build();
    if (previous) {
      await fs.rm(previous.repositories.projectRoot, {
        recursive: true,
        force: true,
      });
    }
  };
  const control = {
    state: sandboxState,
    reset,
    addFault: (fault: unknown) => faults.add(fault),
    clearFaults: () => faults.clear(),
  };

  try {
    for (const system of SYSTEM_NAMES) {
      servers[system] = createSystemServer({
        system,
        systems: seeded,
        faults,
        control,
        log: options.log,
      });
      const port = await listen(
        servers[system],
        host,
        options.ports?.[system] ?? 0,
      );
      urls[system] = `http://${host}:${port}`;
    }
    systems = await build();
  } catch (error) {
    await Promise.all(Object.values(servers).map(closeServer));
    await fs.rm(workDir, { recursive: true, force: true });
    throw error;
  }

  return {
    urls,
    systems: current,
    state: sandboxState,
    reset,
    addFault: fault => faults.add(fault),
    appConfig: () => sandboxAppConfig(urls, seed.nodes[0]),
    async stop() {
      await Promise.all(Object.values(servers).map(closeServer));
      await fs.rm(workDir, { recursive: true, force: true });
    },
  };
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise(resolve => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
