import { ChildProcess, execFile, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { DEMO_LDAP_BASE_DN, DEMO_LDAP_LDIF } from './demoLdif';
import { answersAnonymousBind } from './ldapProbe';

/** @public */
export interface TestSlapdOptions {
  /**
   * The entries to load, as LDIF. Defaults to {@link DEMO_LDAP_LDIF}. When it
   * has no entry for a `dc=` base DN itself, one is added.
   */
  ldif?: string;
  /** The suffix of the database; defaults to `dc=acme,dc=example`. */
  baseDn?: string;
  /** The password of the root DN `cn=admin,<baseDn>`; defaults to `admin-password`. */
  bindPassword?: string;
  /** Defaults to `/usr/sbin/slapd`, Debian's path. */
  slapdPath?: string;
  /** Defaults to `slapadd` next to `slapdPath`. */
  slapaddPath?: string;
  /** Where core, cosine, nis and inetorgperson schemas are; defaults to `/etc/ldap/schema`. */
  schemaDir?: string;
  /** Where `back_mdb` is; defaults to `/usr/lib/ldap`. */
  modulePath?: string;
  /** How long to wait for slapd to answer; defaults to 10 seconds. */
  startTimeoutMs?: number;
  /**
   * More lines for the global section of slapd.conf, e.g.
   * `['allow bind_anon_dn']` to accept a bind with a DN and an empty
   * password as anonymous, like some servers do.
   */
  globalConfig?: string[];
}

/** @public */
export interface TestSlapd {
  /** `ldap://127.0.0.1:<port>` */
  url: string;
  baseDn: string;
  /** The root DN, which may read and write everything. */
  bindDn: string;
  bindPassword: string;
  /** Stops slapd and deletes its files; safe to call twice. */
  stop(): Promise<void>;
}

const SCHEMAS = ['core', 'cosine', 'nis', 'inetorgperson'];
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook() {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // A test that forgets stop() must not leave a slapd behind.
    process.once('exit', () => {
      for (const child of running) {
        child.kill('SIGKILL');
      }
    });
  }
}

function slapdConfig(options: {
  dir: string;
  baseDn: string;
  bindDn: string;
  bindPassword: string;
  schemaDir: string;
  modulePath: string;
  globalConfig: string[];
}): string {
  const quote = (value: string) => `"${value.replace(/(["\\])/g, '\\$1')}"`;
  return [
    ...SCHEMAS.map(
      schema =>
        `include ${quote(path.join(options.schemaDir, `${schema}.schema`))}`,
    ),
    `pidfile ${quote(path.join(options.dir, 'slapd.pid'))}`,
    `argsfile ${quote(path.join(options.dir, 'slapd.args'))}`,
    ...options.globalConfig,
    `modulepath ${quote(options.modulePath)}`,
    'moduleload back_mdb',
    'database mdb',
    'maxsize 16777216',
    `suffix ${quote(options.baseDn)}`,
    `rootdn ${quote(options.bindDn)}`,
    `rootpw ${quote(options.bindPassword)}`,
    `directory ${quote(path.join(options.dir, 'data'))}`,
    'index objectClass eq',
    'index uid,cn,mail eq',
    // Like a typical directory: passwords are only usable to bind, the rest
    // is readable, also anonymously.
    'access to attrs=userPassword by self =xw by anonymous auth by * none',
    'access to * by * read',
    '',
  ].join('\n');
}

function withBaseEntry(ldif: string, baseDn: string): string {
  const escaped = baseDn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`^dn:\\s*${escaped}\\s*$`, 'mi').test(ldif)) {
    return ldif;
  }
  const firstRdn = /^dc=([^,]+)/i.exec(baseDn);
  if (!firstRdn) {
    return ldif;
  }
  const base = [
    `dn: ${baseDn}`,
    'objectClass: dcObject',
    'objectClass: organization',
    `dc: ${firstRdn[1]}`,
    `o: ${firstRdn[1]}`,
  ].join('\n');
  return `${base}\n\n${ldif.trim()}\n`;
}

function run(file: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, (error, stdout, stderr) => {
      if (error) {
        reject(
          new Error(
            `${path.basename(file)} failed: ${
              `${stderr}${stdout}`.trim() || error.message
            }`,
          ),
        );
      } else {
        resolve();
      }
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function assertExecutable(file: string) {
  try {
    await fs.promises.access(file, fs.constants.X_OK);
  } catch {
    throw new Error(
      `${file} was not found: install Debian's slapd and ldap-utils (apt-get install slapd ldap-utils)`,
    );
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    running.delete(child);
    return Promise.resolve();
  }
  return new Promise(resolve => {
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(killTimer);
      running.delete(child);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts slapd on a free port, listening on 127.0.0.1 only. It runs until stop(), or until the tests exit.
 */
async function launch(
  slapdPath: string,
  configFile: string,
  startTimeoutMs: number,
): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  // -d 0 keeps slapd in the foreground, as our child, without debug output.
  const child = spawn(
    slapdPath,
    ['-f', configFile, '-h', `${url}/`, '-d', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  let output = '';
  child.stdout?.on('data', chunk => (output += chunk));
  child.stderr?.on('data', chunk => (output += chunk));

  let exited = false;
  const exit = new Promise<void>(resolve => {
    child.once('exit', () => {
      exited = true;
      running.delete(child);
      resolve();
    });
    child.once('error', () => {
      exited = true;
      resolve();
    });
  });

  const deadline = Date.now() + startTimeoutMs;
  while (!exited && Date.now() < deadline) {
    if (await answersAnonymousBind('127.0.0.1', port, 500)) {
      return { child, url };
    }
    await Promise.race([exit, new Promise(r => setTimeout(r, 20))]);
  }
  await stopChild(child);
  const reason = exited
    ? `slapd exited: ${output.trim() || 'no output'}`
    : `slapd did not answer within ${startTimeoutMs} ms`;
  throw new Error(`Could not start slapd on ${url}: ${reason}`);
}

/**
 * Starts a throw-away OpenLDAP server (Debian's slapd) for tests: a fresh
 * mdb database loaded from LDIF, with the core, cosine, nis and
 * inetorgperson schemas. Anonymous users may search everything except
 * passwords; the root DN may do everything.
 *
 * @example
 * ```ts
 * let slapd: TestSlapd;
 * beforeAll(async () => {
 *   slapd = await startTestSlapd();
 * });
 * afterAll(() => slapd.stop());
 * ```
 *
 * @public
 */
export async function startTestSlapd(
  options: TestSlapdOptions = {},
): Promise<TestSlapd> {
  const slapdPath = options.slapdPath ?? '/usr/sbin/slapd';
  const slapaddPath =
    options.slapaddPath ?? path.join(path.dirname(slapdPath), 'slapadd');
  await assertExecutable(slapdPath);
  await assertExecutable(slapaddPath);

  const baseDn = options.baseDn ?? DEMO_LDAP_BASE_DN;
  const bindDn = `cn=admin,${baseDn}`;
  const bindPassword = options.bindPassword ?? 'admin-password';
  const dir = await fs.promises.mkdtemp(
    path.join(os.tmpdir(), 'wombat-slapd-'),
  );
  const removeDir = () => fs.promises.rm(dir, { recursive: true, force: true });

  let child: ChildProcess | undefined;
  let url: string | undefined;
  try {
    await fs.promises.mkdir(path.join(dir, 'data'));
    const configFile = path.join(dir, 'slapd.conf');
    await fs.promises.writeFile(
      configFile,
      slapdConfig({
        dir,
        baseDn,
        bindDn,
        bindPassword,
        schemaDir: options.schemaDir ?? '/etc/ldap/schema',
        modulePath: options.modulePath ?? '/usr/lib/ldap',
        globalConfig: options.globalConfig ?? [],
      }),
    );
    const ldifFile = path.join(dir, 'data.ldif');
    await fs.promises.writeFile(
      ldifFile,
      withBaseEntry(options.ldif ?? DEMO_LDAP_LDIF, baseDn),
    );
    await run(slapaddPath, ['-f', configFile, '-q', '-l', ldifFile]);

    installExitHook();
    // Another process may take the free port between the probe and slapd's
    // bind; slapd then exits at once and a second port is tried.
    let lastError: unknown;
    for (let attempt = 0; attempt < 3 && !child; attempt++) {
      try {
        ({ child, url } = await launch(
          slapdPath,
          configFile,
          options.startTimeoutMs ?? 10_000,
        ));
      } catch (error) {
        lastError = error;
      }
    }
    if (!child || !url) {
      throw lastError;
    }
  } catch (error) {
    await removeDir();
    throw error;
  }

  const started = child;
  let stopping: Promise<void> | undefined;
  return {
    url,
    baseDn,
    bindDn,
    bindPassword,
    stop() {
      stopping ??= stopChild(started).then(removeDir);
      return stopping;
    },
  };
}
