import { errorForStatus } from '../errors';
import { RetryOptions, fetchWithRetry } from '../retry';
import { firstGuestIpv4 } from './guestAddress';
import {
  ProxmoxAllowList,
  ProxmoxClusterVm,
  ProxmoxGuestInterface,
  ProxmoxParams,
  ProxmoxTaskStatus,
  ProxmoxVmConfig,
  ProxmoxVmStatus,
} from './types';

/** Where a Proxmox VE is and the API token to use. @public */
export interface ProxmoxInstanceConfig {
  name: string;
  /** e.g. https://pve.example.com:8006 */
  url: string;
  /** `user@realm!tokenname` */
  tokenId: string;
  tokenSecret: string;
  /** The node VMs are created on when an action names none. */
  node?: string;
  /** What non-admins may create; without it, only admins create VMs. */
  allowed?: ProxmoxAllowList;
}

/** Proxmox form values: booleans as 1/0, nothing for undefined. */
function formBody(params: ProxmoxParams): URLSearchParams {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) {
      form.set(
        key,
        typeof value === 'boolean' ? String(Number(value)) : String(value),
      );
    }
  }
  return form;
}

/**
 * Proxmox puts the reason of a failure in the HTTP status line, and
 * parameter problems in the body's `errors`; newer versions add `message`.
 */
async function describeProxmoxError(response: Response): Promise<string> {
  let body: { message?: string; errors?: Record<string, string> } | undefined;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const reason = (body?.message ?? response.statusText ?? '').trim();
  const details = Object.entries(body?.errors ?? {})
    .map(([parameter, problem]) => `${parameter}: ${String(problem).trim()}`)
    .join('; ');
  return [reason || '(no message)', details].filter(Boolean).join(' - ');
}

/**
 * Encodes SSH public keys for the `sshkeys` parameter, whose format is
 * "urlencoded": Proxmox wants the keys percent-encoded (spaces as %20, never
 * +), and the form encoding of the body then applies on top.
 *
 * @public
 */
export function encodeSshKeysParameter(keys: string[]): string {
  return encodeURIComponent(keys.join('\n'));
}

/**
 * A client for the Proxmox VE API calls Wombat makes, authenticated with an
 * API token. Failures become Backstage errors with Proxmox's reason.
 *
 * @public
 */
export class ProxmoxClient {
  private readonly apiUrl: string;

  constructor(
    private readonly instance: ProxmoxInstanceConfig,
    private readonly retry?: RetryOptions,
  ) {
    this.apiUrl = `${instance.url.replace(/\/+$/, '')}/api2/json`;
  }

  get name(): string {
    return this.instance.name;
  }

  /** The instance's address as configured, e.g. https://pve.example.com:8006. */
  get url(): string {
    return this.instance.url;
  }

  /** The node to use when an action names none. */
  get defaultNode(): string | undefined {
    return this.instance.node;
  }

  /** What users who are not admins may create here; undefined: nothing. */
  get allowed(): ProxmoxAllowList | undefined {
    return this.instance.allowed;
  }

  /** The next free VMID, or checks that `vmid` is free (an error if not). */
  async nextId(vmid?: number): Promise<number> {
    const id = await this.call<string | number>(
      'GET',
      '/cluster/nextid',
      vmid !== undefined ? { vmid } : undefined,
    );
    // The schema says integer; Proxmox sends a string.
    return Number(id);
  }

  listVms(): Promise<ProxmoxClusterVm[]> {
    return this.call('GET', '/cluster/resources', { type: 'vm' });
  }

  clone(node: string, vmid: number, params: ProxmoxParams): Promise<string> {
    return this.call('POST', `${this.vmPath(node, vmid)}/clone`, params);
  }

  getConfig(node: string, vmid: number): Promise<ProxmoxVmConfig> {
    return this.call('GET', `${this.vmPath(node, vmid)}/config`);
  }

  /** Changes the configuration synchronously (PUT). */
  async setConfig(node: string, vmid: number, params: ProxmoxParams) {
    await this.call('PUT', `${this.vmPath(node, vmid)}/config`, params);
  }

  /** Grows a disk; returns the task's UPID. */
  resize(
    node: string,
    vmid: number,
    disk: string,
    size: string,
  ): Promise<string> {
    return this.call('PUT', `${this.vmPath(node, vmid)}/resize`, {
      disk,
      size,
    });
  }

  start(node: string, vmid: number): Promise<string> {
    return this.call('POST', `${this.vmPath(node, vmid)}/status/start`);
  }

  shutdown(
    node: string,
    vmid: number,
    timeoutSeconds: number,
  ): Promise<string> {
    return this.call('POST', `${this.vmPath(node, vmid)}/status/shutdown`, {
      timeout: timeoutSeconds,
    });
  }

  stop(node: string, vmid: number): Promise<string> {
    return this.call('POST', `${this.vmPath(node, vmid)}/status/stop`);
  }

  status(node: string, vmid: number): Promise<ProxmoxVmStatus> {
    return this.call('GET', `${this.vmPath(node, vmid)}/status/current`);
  }

  /** Deletes the VM with its backups, replication, HA entries and unreferenced disks. */
  destroy(node: string, vmid: number): Promise<string> {
    return this.call('DELETE', this.vmPath(node, vmid), {
      purge: 1,
      'destroy-unreferenced-disks': 1,
    });
  }

  async guestInterfaces(
    node: string,
    vmid: number,
  ): Promise<ProxmoxGuestInterface[]> {
    const answer = await this.call<{ result: ProxmoxGuestInterface[] }>(
      'GET',
      `${this.vmPath(node, vmid)}/agent/network-get-interfaces`,
    );
    return answer.result ?? [];
  }

  /**
   * The VM's first usable IPv4 address from its guest agent, or undefined
   * while there is none. Proxmox answers 500 while the agent is not
   * configured, not running or not answering: that is "no address yet", not
   * a failure. Other failures throw.
   */
  async guestIpv4(node: string, vmid: number): Promise<string | undefined> {
    const path = `${this.vmPath(node, vmid)}/agent/network-get-interfaces`;
    const response = await this.send('GET', path);
    if (response.status === 500) {
      response.body?.cancel().catch(() => undefined);
      return undefined;
    }
    const answer = await this.read<{ result?: ProxmoxGuestInterface[] }>(
      response,
      'GET',
      path,
    );
    return firstGuestIpv4(answer.result ?? []);
  }

  taskStatus(node: string, upid: string): Promise<ProxmoxTaskStatus> {
    // UPIDs contain ':', so they are encoded like any path segment.
    return this.call(
      'GET',
      `/nodes/${encodeURIComponent(node)}/tasks/${encodeURIComponent(
        upid,
      )}/status`,
    );
  }

  /**
   * Polls a task until it stops. Throws with Proxmox's exit status when it
   * failed, or when it runs longer than `timeoutMs`; `onProgress` hears about
   * it every few seconds meanwhile.
   */
  async waitForTask(
    node: string,
    upid: string,
    options: {
      timeoutMs: number;
      pollMs?: number;
      onProgress?: (elapsedMs: number, status: ProxmoxTaskStatus) => void;
    },
  ): Promise<void> {
    const started = Date.now();
    let lastReport = started;
    for (;;) {
      const status = await this.taskStatus(node, upid);
      if (status.status === 'stopped') {
        if (status.exitstatus !== 'OK') {
          throw new Error(
            `Proxmox task ${status.type ?? upid} failed: ${
              status.exitstatus ?? 'no exit status'
            }`,
          );
        }
        return;
      }
      const now = Date.now();
      if (now - started > options.timeoutMs) {
        throw new Error(
          `Proxmox task ${
            status.type ?? upid
          } did not finish within ${Math.round(options.timeoutMs / 1000)} s`,
        );
      }
      if (now - lastReport >= 5000) {
        options.onProgress?.(now - started, status);
        lastReport = now;
      }
      await new Promise(resolve => setTimeout(resolve, options.pollMs ?? 1000));
    }
  }

  private vmPath(node: string, vmid: number) {
    return `/nodes/${encodeURIComponent(node)}/qemu/${vmid}`;
  }

  private async call<T>(
    method: string,
    path: string,
    params?: ProxmoxParams,
  ): Promise<T> {
    return this.read(await this.send(method, path, params), method, path);
  }

  private send(
    method: string,
    path: string,
    params?: ProxmoxParams,
  ): Promise<Response> {
    const url = new URL(`${this.apiUrl}${path}`);
    const inQuery = method === 'GET' || method === 'DELETE';
    if (params && inQuery) {
      url.search = formBody(params).toString();
    }
    return fetchWithRetry(
      () =>
        fetch(url, {
          method,
          headers: {
            authorization: `PVEAPIToken=${this.instance.tokenId}=${this.instance.tokenSecret}`,
            accept: 'application/json',
            ...(params && !inQuery
              ? { 'content-type': 'application/x-www-form-urlencoded' }
              : {}),
          },
          body: params && !inQuery ? formBody(params).toString() : undefined,
        }),
      this.retry,
    );
  }

  private async read<T>(
    response: Response,
    method: string,
    path: string,
  ): Promise<T> {
    if (!response.ok) {
      throw errorForStatus(
        response.status,
        `Proxmox ${this.instance.name} ${method} ${path} failed with ${
          response.status
        }: ${await describeProxmoxError(response)}`,
      );
    }
    return ((await response.json()) as { data: T }).data;
  }
}
