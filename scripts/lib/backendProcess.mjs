// Runs the real backend process the way `yarn start` does, for the smoke and
// end-to-end scripts.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Retries probe until it returns a value; a thrown FatalError ends it. */
export class FatalError extends Error {}

export async function poll(what, probe, deadline) {
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      if (error instanceof FatalError) throw error;
      // not there yet
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 200));
  }
}

/**
 * Starts `yarn start` in packages/backend with the given config files and
 * environment. The process group is killed by stop().
 */
export function startBackend({ configs, env = {} }) {
  const child = spawn(
    'yarn',
    ['start', ...configs.flatMap(c => ['--config', c])],
    {
      cwd: join(root, 'packages/backend'),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    },
  );
  let output = '';
  let exited;
  child.stdout.on('data', d => (output += d));
  child.stderr.on('data', d => (output += d));
  child.on('exit', code => (exited = code));
  return {
    output: () => output,
    /** Waits for the readiness endpoint; fails fast when the start failed. */
    waitUntilReady: (baseUrl, deadline) =>
      poll(
        'readiness',
        async () => {
          if (exited !== undefined) {
            throw new FatalError(`the backend exited with ${exited}`);
          }
          // backstage-cli keeps watching after a failed start instead of exiting.
          if (output.includes('Backend startup failed')) {
            throw new FatalError('the backend failed to start');
          }
          const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
          return res.ok;
        },
        deadline,
      ),
    stop: () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}
