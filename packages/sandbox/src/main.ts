/*
 * `yarn sandbox`: starts the simulators on the ports app-config.yaml points
 * at, until interrupted. WOMBAT_SANDBOX_QUIET=1 drops the per-request lines.
 */
import { startSandbox } from './startSandbox';
import { SANDBOX_PORTS } from './ports';
import { SYSTEM_NAMES } from './systems/SystemName';

async function main() {
  const quiet = process.env.WOMBAT_SANDBOX_QUIET === '1';
  const sandbox = await startSandbox({
    ports: SANDBOX_PORTS,
    log: quiet
      ? undefined
      : line => process.stdout.write(`[sandbox] ${line}\n`),
  });
  for (const system of SYSTEM_NAMES) {
    process.stdout.write(
      `[sandbox] ${system.padEnd(8)} ${sandbox.urls[system]}\n`,
    );
  }
  process.stdout.write(
    `[sandbox] simulators ready; state at ${sandbox.urls.gitlab}/_sandbox/state\n`,
  );
  const stop = () => {
    sandbox.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch(error => {
  process.stderr.write(`[sandbox] failed to start: ${error.stack ?? error}\n`);
  process.exit(1);
});
