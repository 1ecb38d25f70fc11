import { spawn } from 'child_process';
import fs from 'fs';
import net from 'net';

const REDIS_SERVER = '/usr/bin/redis-server';

/** Whether Debian's redis-server is installed (apt-get install redis-server). */
export const hasRedisServer = fs.existsSync(REDIS_SERVER);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A throw-away Redis on 127.0.0.1 without persistence, standing in for the
 * cache that the replicas of a backend share.
 *
 * It runs until the test process ends, however it ends: a shell holds it and
 * stops it once its stdin, a pipe from this process, closes. Stopping it
 * earlier would not do: a stopped backend does not disconnect its cache
 * client, which then reports the closed socket as an unhandled error.
 */
export async function startTestRedis(): Promise<{ url: string }> {
  const port = await freePort();
  const child = spawn(
    '/bin/sh',
    [
      '-c',
      '"$0" "$@" & pid=$!; read _; kill $pid; wait $pid',
      REDIS_SERVER,
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`redis-server did not start: ${output}`)),
      10_000,
    );
    child.stdout?.on('data', chunk => {
      output += chunk;
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${output}`));
    });
  });
  child.stdout?.removeAllListeners('data').resume();
  child.stderr?.resume();
  // Neither the shell nor its pipes keep the test process alive.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    (stream as unknown as net.Socket | null)?.unref();
  }
  return { url: `redis://127.0.0.1:${port}` };
}
