import { ServiceUnavailableError } from '@backstage/errors';
import { errorForStatus } from '../errors';
import { RetryOptions, fetchWithRetry } from '../retry';
import { RancherKubernetes } from './RancherKubernetes';
import {
  RancherProject,
  RancherProjectCreate,
  RancherProjectRoleTemplateBinding,
  RancherProjectUpdate,
} from './types';

/** Where a Rancher is and its API token. @public */
export interface RancherInstanceConfig {
  name: string;
  url: string;
  /** `token-xxxxx:secret`, sent as a Bearer token. */
  token: string;
}

type Collection<T> = { data: T[]; pagination?: { next?: string } };

/** Norman's error body: {"type":"error","status":422,"code":"...","message":"..."}. */
async function describeNormanError(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const body = JSON.parse(text);
    if (body?.type === 'error') {
      return [body.code, body.message].filter(Boolean).join(': ');
    }
  } catch {
    // not JSON
  }
  return text.trim() || response.statusText || '(no message)';
}

/**
 * A client for Rancher's v3 API (projects and their role bindings) and, via
 * Rancher's proxy, for each cluster's Kubernetes API.
 *
 * @public
 */
export class RancherClient {
  private readonly baseUrl: string;

  constructor(
    private readonly instance: RancherInstanceConfig,
    private readonly retry?: RetryOptions,
  ) {
    this.baseUrl = instance.url.replace(/\/+$/, '');
  }

  /** The instance's name in `wombat.rancher.instances`. */
  get name(): string {
    return this.instance.name;
  }

  /** The cluster's Kubernetes API, reached through Rancher's proxy. */
  kubernetes(clusterId: string): RancherKubernetes {
    return new RancherKubernetes({
      server: `${this.baseUrl}/k8s/clusters/${encodeURIComponent(clusterId)}`,
      token: this.instance.token,
      description: `cluster ${clusterId} of Rancher ${this.instance.name}`,
      retry: this.retry,
    });
  }

  /** Projects of a cluster, optionally only those with that name. */
  async listProjects(
    clusterId: string,
    name?: string,
  ): Promise<RancherProject[]> {
    return this.getAll<RancherProject>('/v3/projects', {
      clusterId,
      ...(name !== undefined ? { name } : {}),
    });
  }

  async createProject(project: RancherProjectCreate): Promise<RancherProject> {
    return (await this.send('POST', '/v3/projects', { body: project })).json();
  }

  /**
   * Changes some fields of a project. Norman sends the body to the Project
   * resource as a merge patch: fields left out keep their values, and maps
   * such as `annotations` are merged key by key.
   */
  async updateProject(
    projectId: string,
    changes: RancherProjectUpdate,
  ): Promise<RancherProject> {
    return (
      await this.send('PUT', `/v3/projects/${encodeURIComponent(projectId)}`, {
        body: changes,
      })
    ).json();
  }

  async listProjectRoleTemplateBindings(
    projectId: string,
  ): Promise<RancherProjectRoleTemplateBinding[]> {
    return this.getAll('/v3/projectroletemplatebindings', { projectId });
  }

  async createProjectRoleTemplateBinding(
    binding: RancherProjectRoleTemplateBinding,
  ): Promise<RancherProjectRoleTemplateBinding> {
    return (
      await this.send('POST', '/v3/projectroletemplatebindings', {
        body: binding,
      })
    ).json();
  }

  /**
   * Follows norman's pagination.next links, but only on the instance's own
   * origin: the link comes from the answer, and every request carries the
   * API key, which must never go to a host the answer names.
   */
  private async getAll<T>(
    path: string,
    query: Record<string, string>,
  ): Promise<T[]> {
    const origin = new URL(this.baseUrl).origin;
    const items: T[] = [];
    let url: string | undefined = `${this.baseUrl}${path}?${new URLSearchParams(
      {
        ...query,
        limit: '1000',
      },
    )}`;
    while (url) {
      const page: Collection<T> = await (
        await this.send('GET', path, { url })
      ).json();
      items.push(...(page.data ?? []));
      const next = page.pagination?.next;
      url = next ? new URL(next, url).toString() : undefined;
      if (url && new URL(url).origin !== origin) {
        // A partial list could hide an existing object; better no answer.
        throw new ServiceUnavailableError(
          `Rancher ${this.instance.name} GET ${path} pointed its next page to another origin than ${origin}; not following it`,
        );
      }
    }
    return items;
  }

  private async send(
    method: string,
    path: string,
    options: { body?: unknown; url?: string },
  ): Promise<Response> {
    const response = await fetchWithRetry(
      () =>
        fetch(options.url ?? `${this.baseUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${this.instance.token}`,
            accept: 'application/json',
            ...(options.body !== undefined
              ? { 'content-type': 'application/json' }
              : {}),
          },
          body:
            options.body !== undefined
              ? JSON.stringify(options.body)
              : undefined,
        }),
      this.retry,
    );
    if (response.ok) {
      return response;
    }
    throw errorForStatus(
      response.status,
      `Rancher ${this.instance.name} ${method} ${path} failed with ${
        response.status
      }: ${await describeNormanError(response)}`,
    );
  }
}
