/*
 * The rig the golden-path end-to-end test and benchmark share: the sandbox
 * in this process on free ports, and the real backend process (SQLite in a
 * temporary folder) configured to use it, as `./scripts/start` runs the two
 * side by side. Templates run through the scaffolder's REST API, as
 * automation and the browser start them.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestSlapd } from '@wombat/plugin-wombat-node-test-utils';
import { startSandbox, type Sandbox } from 'sandbox';
import { poll, root, startBackend } from './backendProcess.mjs';

export interface TaskEvent {
  type: string;
  createdAt: string;
  body: {
    message?: string;
    stepId?: string;
    status?: string;
    output?: Record<string, any>;
    error?: { name: string; message: string };
  };
}

export interface TaskResult {
  id: string;
  status: 'completed' | 'failed' | 'cancelled';
  events: TaskEvent[];
  /** The template's output, when it completed. */
  output: Record<string, any>;
  /** What the failed step threw, when it failed. */
  error?: string;
  durationMs: number;
}

export interface GoldenPathRig {
  sandbox: Sandbox;
  baseUrl: string;
  /** A user token: the guest, who is the demo user jdoe (a global developer). */
  userToken: string;
  /** A static token, for automation that starts templates without a user. */
  serviceToken: string;
  /**
   * A user's token, from the LDAP sign-in with `<uid>-password` (the demo
   * directory's); only with the `ldap` option.
   */
  signIn(username: string, password?: string): Promise<string>;
  api(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  /** Starts a template and waits until its task ends. */
  runTemplate(
    template: string,
    values: Record<string, unknown>,
    options?: { token?: string },
  ): Promise<TaskResult>;
  /** Retries a failed task and waits until it ends again. */
  retryTask(id: string, options?: { token?: string }): Promise<TaskResult>;
  /** What the backend printed, for a failure's report. */
  backendOutput(): string;
  /** Waits for an entity to be in the catalog (or, with `gone`, to leave it). */
  waitForEntity(
    ref: string,
    options?: { gone?: boolean; token?: string },
  ): Promise<any>;
  stop(): Promise<void>;
}

const TASK_TIMEOUT_MS = 120_000;

export async function startGoldenPathRig(options: {
  port: number;
  log?: (line: string) => void;
  /**
   * Sign-in with LDAP against this directory, which is then also where the
   * catalog's users and groups come from (instead of catalog-info/org.yaml).
   */
  ldap?: TestSlapd;
  /** The catalog location to load instead of the demo catalog (a file path). */
  catalogLocation?: string;
}): Promise<GoldenPathRig> {
  const log = options.log ?? (() => {});
  const baseUrl = `http://localhost:${options.port}`;
  const work = mkdtempSync(join(tmpdir(), 'wombat-golden-path-'));
  const serviceToken = randomBytes(24).toString('base64url');
  const sandbox = await startSandbox({
    // Fast enough for tests, slow enough that waiting is exercised.
    proxmox: { taskMs: 200, agentReadyMs: 800 },
  });
  const appConfig = sandbox.appConfig();
  const config = {
    app: { baseUrl },
    backend: {
      baseUrl,
      listen: { port: options.port },
      database: {
        client: 'better-sqlite3',
        connection: { directory: join(work, 'sqlite') },
      },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: serviceToken, subject: 'golden-path-automation' },
          },
        ],
      },
    },
    integrations: appConfig.integrations,
    wombat: {
      ...appConfig.wombat,
      // New projects count in the policy within seconds, not the default 30.
      rbac: { refreshSeconds: 2 },
    },
    scaffolder: {
      defaultEnvironment: {
        parameters: {
          gitlabHost: new URL(sandbox.urls.gitlab).host,
        },
      },
    },
    ...(options.ldap ? ldapConfig(options.ldap) : {}),
    ...(options.catalogLocation
      ? {
          catalog: {
            ...(options.ldap ? ldapConfig(options.ldap).catalog : {}),
            locations: [
              {
                type: 'file',
                target: options.catalogLocation,
                rules: [
                  {
                    allow: [
                      'Location',
                      'Project',
                      'Cluster',
                      'Component',
                      'Resource',
                      'Template',
                    ],
                  },
                ],
              },
            ],
          },
        }
      : {}),
  };
  // On top of app-config.yaml: the sandbox's instances replace its
  // wombat.*.instances, the rest of wombat (rbac, rancher.principals) stays.
  const configFile = join(work, 'app-config.golden-path.yaml');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const backend = startBackend({
    configs: [join(root, 'app-config.yaml'), configFile],
  });

  const stop = async () => {
    backend.stop();
    await sandbox.stop();
    rmSync(work, { recursive: true, force: true });
  };

  try {
    const started = Date.now();
    const deadline = started + 180_000;
    await backend.waitUntilReady(baseUrl, deadline);
    log(`backend ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const signIn = async (username: string, password?: string) => {
      const res = await fetch(`${baseUrl}/api/auth/ldap/refresh`, {
        headers: {
          authorization: `Basic ${Buffer.from(
            `${username}:${password ?? `${username}-password`}`,
          ).toString('base64')}`,
          'x-requested-with': 'XMLHttpRequest',
        },
      });
      if (res.status !== 200) {
        throw new Error(`${username} could not sign in: ${res.status}`);
      }
      return (await res.json()).backstageIdentity.token as string;
    };
    let userToken = '';
    if (options.ldap) {
      // Sign-in works once the catalog has read the directory's users; a
      // sign-in before that counts as a failed one.
      await poll(
        'the directory in the catalog',
        async () =>
          (
            await fetch(
              `${baseUrl}/api/catalog/entities/by-name/user/default/jdoe`,
              {
                headers: { authorization: `Bearer ${serviceToken}` },
              },
            )
          ).ok,
        deadline,
      );
      userToken = await signIn('jdoe');
    } else {
      const session = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
        method: 'POST',
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      userToken = (await session.json()).backstageIdentity.token;
    }

    const api: GoldenPathRig['api'] = (path, init = {}) => {
      const { token = userToken, ...rest } = init;
      return fetch(`${baseUrl}${path}`, {
        ...rest,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          ...rest.headers,
        },
      });
    };

    const waitForTask = async (id: string, token: string, since: number) => {
      const task = await poll(
        `task ${id}`,
        async () => {
          const res = await api(`/api/scaffolder/v2/tasks/${id}`, { token });
          const body = await res.json();
          return ['completed', 'failed', 'cancelled'].includes(body.status)
            ? body
            : undefined;
        },
        Date.now() + TASK_TIMEOUT_MS,
      );
      const events: TaskEvent[] = await (
        await api(`/api/scaffolder/v2/tasks/${id}/events`, { token })
      ).json();
      const completion = [...events]
        .reverse()
        .find(event => event.type === 'completion');
      return {
        id,
        status: task.status,
        events,
        output: completion?.body.output ?? {},
        error: completion?.body.error?.message,
        durationMs: Date.now() - since,
      } as TaskResult;
    };

    const rig: GoldenPathRig = {
      sandbox,
      baseUrl,
      userToken,
      serviceToken,
      signIn,
      api,
      async runTemplate(template, values, runOptions = {}) {
        const token = runOptions.token ?? userToken;
        const since = Date.now();
        const res = await api('/api/scaffolder/v2/tasks', {
          method: 'POST',
          token,
          body: JSON.stringify({
            templateRef: `template:default/${template}`,
            values,
          }),
        });
        if (res.status !== 201) {
          throw new Error(
            `Starting ${template} answered ${res.status}: ${await res.text()}`,
          );
        }
        const { id } = await res.json();
        return waitForTask(id, token, since);
      },
      async retryTask(id, runOptions = {}) {
        const token = runOptions.token ?? userToken;
        const since = Date.now();
        const res = await api(`/api/scaffolder/v2/tasks/${id}/retry`, {
          method: 'POST',
          token,
          body: JSON.stringify({}),
        });
        if (res.status !== 201) {
          throw new Error(`Retrying ${id} answered ${res.status}`);
        }
        // The retried task starts from "open" again; wait for that first.
        await poll(
          `task ${id} to start again`,
          async () => {
            const body = await (
              await api(`/api/scaffolder/v2/tasks/${id}`, { token })
            ).json();
            return body.status !== 'failed';
          },
          Date.now() + TASK_TIMEOUT_MS,
        );
        return waitForTask(id, token, since);
      },
      waitForEntity(ref, waitOptions = {}) {
        const [kind, rest] = ref.split(':');
        const [namespace, name] = rest.split('/');
        return poll(
          waitOptions.gone ? `${ref} to leave the catalog` : ref,
          async () => {
            const res = await api(
              `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
              { token: waitOptions.token },
            );
            if (waitOptions.gone) return res.status === 404;
            return res.ok ? res.json() : undefined;
          },
          Date.now() + 60_000,
        );
      },
      backendOutput: () => backend.output(),
      stop,
    };
    return rig;
  } catch (error) {
    log(backend.output().slice(-5000));
    await stop();
    throw error;
  }
}

/** How long each step of a task took, from its log events. */
export function stepDurations(events: TaskEvent[]): Map<string, number> {
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  for (const event of events) {
    const stepId = event.body.stepId;
    if (!stepId) continue;
    const at = Date.parse(event.createdAt);
    if (!first.has(stepId)) first.set(stepId, at);
    last.set(stepId, at);
  }
  return new Map(
    [...first].map(([step, start]) => [step, last.get(step)! - start]),
  );
}

/** LDAP sign-in and the catalog's users and groups from the directory. */
function ldapConfig(slapd: TestSlapd) {
  const people = `ou=people,${slapd.baseDn}`;
  return {
    auth: {
      providers: {
        ldap: {
          development: {
            url: slapd.url,
            bindDn: slapd.bindDn,
            bindPassword: slapd.bindPassword,
            searchBase: people,
            searchFilter: '(objectClass=inetOrgPerson)',
            signIn: {
              resolvers: [{ resolver: 'ldapUidMatchingUserEntityAnnotation' }],
            },
          },
        },
      },
    },
    catalog: {
      providers: {
        ldapOrg: {
          default: {
            target: slapd.url,
            bind: { dn: slapd.bindDn, secret: slapd.bindPassword },
            users: {
              dn: people,
              // evil stands for a directory account the catalog does not
              // take in, such as a service account.
              options: {
                filter: '(&(objectClass=inetOrgPerson)(!(uid=evil)))',
              },
            },
            groups: {
              dn: `ou=groups,${slapd.baseDn}`,
              options: { filter: '(objectClass=groupOfNames)' },
              set: { 'spec.type': 'team' },
            },
            schedule: {
              frequency: { minutes: 60 },
              timeout: { minutes: 1 },
              initialDelay: { seconds: 0 },
            },
          },
        },
      },
    },
  };
}
