import { errorForStatus } from '../errors';
import { RetryOptions, fetchWithRetry } from '../retry';
import {
  HarborProject,
  HarborProjectMember,
  HarborProjectMemberReq,
  HarborProjectReq,
  HarborRobot,
  HarborRobotCreate,
  HarborRobotCreated,
  HarborWebhookPolicy,
} from './types';

/** Where a Harbor instance is and how to sign in to it. @public */
export interface HarborInstanceConfig {
  name: string;
  url: string;
  username: string;
  password: string;
}

/** The id at the end of a Location header such as /api/v2.0/projects/12. */
function idFromLocation(response: Response): number {
  const location = response.headers.get('location') ?? '';
  const id = Number(location.split('/').pop());
  if (!Number.isInteger(id)) {
    throw new Error(
      `Harbor answered ${
        response.status
      } without the new resource's id in its Location header (${
        location || 'none'
      })`,
    );
  }
  return id;
}

/** Harbor's error body is {"errors":[{"code":"CONFLICT","message":"..."}]}. */
async function describeHarborError(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const errors = JSON.parse(text)?.errors;
    if (Array.isArray(errors) && errors.length > 0) {
      return errors.map(e => e.message ?? e.code).join('; ');
    }
  } catch {
    // not JSON
  }
  return text.trim() || response.statusText || '(no message)';
}

/**
 * A client for the Harbor v2.0 API calls Wombat makes. Failures become
 * Backstage errors carrying Harbor's message; 429, 502 and 503 are retried.
 *
 * @public
 */
export class HarborClient {
  private readonly apiUrl: string;
  private readonly authorization: string;

  constructor(
    private readonly instance: HarborInstanceConfig,
    private readonly retry?: RetryOptions,
  ) {
    this.apiUrl = `${instance.url.replace(/\/+$/, '')}/api/v2.0`;
    this.authorization = `Basic ${Buffer.from(
      `${instance.username}:${instance.password}`,
    ).toString('base64')}`;
  }

  /** The instance's name in `wombat.harbor.instances`. */
  get name(): string {
    return this.instance.name;
  }

  /** The instance's web address. */
  get url(): string {
    return this.instance.url.replace(/\/+$/, '');
  }

  /**
   * The registry's host, as `docker login` and image names use it, e.g.
   * `harbor.example.com`: the web address's host (and port).
   */
  get registry(): string {
    return new URL(this.instance.url).host;
  }

  /** Whether a project of exactly this name exists (HEAD, not a fuzzy search). */
  async projectExists(name: string): Promise<boolean> {
    const response = await this.send('HEAD', '/projects', {
      query: { project_name: name },
      allow: [404],
    });
    return response.status === 200;
  }

  /**
   * The project, or undefined when it does not exist. Harbor answers 403, not
   * 404, for a missing project when the user is not a system admin: check
   * with projectExists first when that matters.
   */
  async getProject(name: string): Promise<HarborProject | undefined> {
    const response = await this.send('GET', `/projects/${enc(name)}`, {
      allow: [404],
    });
    return response.status === 404 ? undefined : response.json();
  }

  /** Creates a project and returns its id (Harbor answers 201 with no body). */
  async createProject(project: HarborProjectReq): Promise<number> {
    return idFromLocation(
      await this.send('POST', '/projects', { body: project }),
    );
  }

  async listProjectMembers(
    project: string,
    entityName?: string,
  ): Promise<HarborProjectMember[]> {
    return this.getAll(`/projects/${enc(project)}/members`, {
      ...(entityName ? { entityname: entityName } : {}),
    });
  }

  async addProjectMember(
    project: string,
    member: HarborProjectMemberReq,
  ): Promise<void> {
    await this.send('POST', `/projects/${enc(project)}/members`, {
      body: member,
    });
  }

  async listProjectRobots(projectId: number): Promise<HarborRobot[]> {
    return this.getAll('/robots', {
      q: `Level=project,ProjectID=${projectId}`,
    });
  }

  async createRobot(robot: HarborRobotCreate): Promise<HarborRobotCreated> {
    const response = await this.send('POST', '/robots', { body: robot });
    return response.json();
  }

  /**
   * Replaces what Harbor lets change about a robot: its description,
   * whether it is disabled, its duration and its permissions. Harbor takes
   * the whole robot and clears what is left out, so pass the robot as
   * listed with the fields changed. This is also the only way to disable a
   * robot: Harbor creates every robot enabled.
   */
  async updateRobot(robot: HarborRobot): Promise<void> {
    await this.send('PUT', `/robots/${robot.id}`, {
      body: {
        id: robot.id,
        name: robot.name,
        description: robot.description ?? '',
        level: robot.level,
        duration: robot.duration,
        disable: robot.disable,
        permissions: robot.permissions,
      },
    });
  }

  /** Gives a robot a new random secret and returns it. */
  async refreshRobotSecret(robotId: number): Promise<string> {
    const response = await this.send('PATCH', `/robots/${robotId}`, {
      body: {},
    });
    return (await response.json()).secret;
  }

  async listWebhookPolicies(project: string): Promise<HarborWebhookPolicy[]> {
    return this.getAll(`/projects/${enc(project)}/webhook/policies`, {});
  }

  async createWebhookPolicy(
    project: string,
    policy: HarborWebhookPolicy,
  ): Promise<number> {
    return idFromLocation(
      await this.send('POST', `/projects/${enc(project)}/webhook/policies`, {
        body: policy,
      }),
    );
  }

  /** Follows Harbor's page/page_size paging (at most 100 a page). */
  private async getAll<T>(
    path: string,
    query: Record<string, string>,
  ): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; ; page++) {
      const response = await this.send('GET', path, {
        query: { ...query, page: String(page), page_size: '100' },
      });
      const batch = (await response.json()) as T[] | null;
      items.push(...(batch ?? []));
      const total = Number(response.headers.get('x-total-count'));
      if (!batch || batch.length < 100 || items.length >= total) {
        return items;
      }
    }
  }

  private async send(
    method: string,
    path: string,
    options: {
      query?: Record<string, string>;
      body?: unknown;
      allow?: number[];
    },
  ): Promise<Response> {
    const url = new URL(`${this.apiUrl}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      url.searchParams.set(key, value);
    }
    const response = await fetchWithRetry(
      () =>
        fetch(url, {
          method,
          headers: {
            authorization: this.authorization,
            accept: 'application/json',
            // Names, never ids, go into {project_name_or_id}; an all-digit
            // name would otherwise be taken for an id.
            'x-is-resource-name': 'true',
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
    if (response.ok || options.allow?.includes(response.status)) {
      return response;
    }
    const message = `Harbor ${
      this.instance.name
    } ${method} ${path} failed with ${
      response.status
    }: ${await describeHarborError(response)}`;
    throw errorForStatus(response.status, message);
  }
}

function enc(name: string) {
  return encodeURIComponent(name);
}
