/*
 * `yarn sandbox`: starts the simulators on 127.0.0.1:7101-7104, where
 * app-config.yaml points, until interrupted. WOMBAT_SANDBOX_FIRST_PORT moves
 * the four ports; WOMBAT_SANDBOX_QUIET=1 drops the line per request.
 */
import { DEFAULT_FIRST_PORT, sandboxPorts } from './ports';
import { startSandbox } from './startSandbox';
import { SYSTEM_NAMES } from './systems/SystemName';

async function main() {
  const firstPort = Number(
    process.env.WOMBAT_SANDBOX_FIRST_PORT ?? DEFAULT_FIRST_PORT,
  );
  const quiet = process.env.WOMBAT_SANDBOX_QUIET === '1';
  const print = (line: string) => process.stdout.write(`[sandbox] ${line}\n`);
  const started = Date.now();
  const sandbox = await startSandbox({
    ports: sandboxPorts(firstPort),
    log: quiet ? undefined : print,
  });
  for (const system of SYSTEM_NAMES) {
    print(`${system.padEnd(8)} ${sandbox.urls[system]}`);
  }
  print(
    `ready in ${((Date.now() - started) / 1000).toFixed(
      1,
    )} s; everything it holds: ${sandbox.urls.gitlab}/_sandbox/state`,
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
