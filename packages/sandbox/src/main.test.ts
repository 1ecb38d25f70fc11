import { spawn, type ChildProcess } from 'child_process';
import path from 'path';

/** `yarn sandbox` runs this file; start it as a process, as a person would. */
describe('the sandbox process', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    child?.kill('SIGTERM');
  });

  it('serves the four simulators on consecutive ports until stopped', async () => {
    const firstPort = 20000 + Math.floor(Math.random() * 20000);
    child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        path.join(__dirname, 'main.ts'),
      ],
      {
        env: { ...process.env, WOMBAT_SANDBOX_FIRST_PORT: String(firstPort) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout!.on('data', chunk => {
      output += chunk;
    });
    child.stderr!.on('data', chunk => {
      output += chunk;
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(output)), 60_000);
      child!.stdout!.on('data', () => {
        if (output.includes('ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child!.on('exit', code => reject(new Error(`exited ${code}: ${output}`)));
    });

    expect(output).toContain(`gitlab   http://127.0.0.1:${firstPort}`);
    expect(output).toContain(`proxmox  http://127.0.0.1:${firstPort + 3}`);
    const harbor = await fetch(
      `http://127.0.0.1:${
        firstPort + 1
      }/api/v2.0/projects?project_name=payments`,
      {
        method: 'HEAD',
        headers: {
          authorization: `Basic ${Buffer.from(
            'admin:sandbox-harbor-password',
          ).toString('base64')}`,
        },
      },
    );
    expect(harbor.status).toBe(200);
    // The request's log line follows the answer.
    const logLine = /harbor HEAD \/api\/v2\.0\/projects 200 \d+ms/;
    for (let i = 0; i < 50 && !logLine.test(output); i++) {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(output).toMatch(logLine);

    const exited = new Promise(resolve => child!.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 90_000);
});
