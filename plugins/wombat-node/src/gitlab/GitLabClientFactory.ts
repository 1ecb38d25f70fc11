import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  GitLabIntegrationConfig,
  ScmIntegrations,
} from '@backstage/integration';
import { Gitlab } from '@gitbeaker/rest';
import { RetryOptions } from '../retry';
import { createGitLabRequesterFn } from './gitlabRequester';

/** A gitbeaker client. @public */
export type GitLabApi = InstanceType<typeof Gitlab<false>>;

/** A client for one GitLab host, with what it was configured from. @public */
export interface GitLabClient {
  api: GitLabApi;
  host: string;
  /** The web address of the instance, e.g. https://gitlab.example.com. */
  baseUrl: string;
  /** The token, for git over HTTPS; never log it. */
  token: string;
}

/**
 * Makes gitbeaker clients for the hosts in Backstage's `integrations.gitlab`,
 * the same configuration Backstage's own GitLab integration reads.
 *
 * @public
 */
export class GitLabClientFactory {
  static fromConfig(config: Config, options: { retry?: RetryOptions } = {}) {
    return new GitLabClientFactory(
      ScmIntegrations.fromConfig(config)
        .gitlab.list()
        .map(i => i.config),
      options.retry,
    );
  }

  private readonly clients = new Map<string, GitLabClient>();

  private constructor(
    private readonly integrations: GitLabIntegrationConfig[],
    private readonly retry?: RetryOptions,
  ) {}

  /** The configured hosts, in configuration order. */
  hosts(): string[] {
    return this.integrations.map(i => i.host);
  }

  /**
   * The client for a host, or, when none is named, for the only integration
   * that has a token (Backstage always adds a token-less gitlab.com). Throws
   * an InputError that says what is configured otherwise.
   */
  forHost(host?: string): GitLabClient {
    const withToken = this.integrations.filter(i => i.token);
    const onlyOne = withToken.length === 1 ? withToken[0] : undefined;
    const integration = host
      ? this.integrations.find(i => i.host === host)
      : onlyOne;
    if (!integration) {
      const known = this.hosts().join(', ') || 'none';
      throw new InputError(
        host
          ? `No GitLab integration for host ${host} in integrations.gitlab (configured: ${known})`
          : `Name a GitLab host: integrations.gitlab has ${
              withToken.length
            } with a token (${
              withToken.map(i => i.host).join(', ') || 'none'
            })`,
      );
    }
    if (!integration.token) {
      throw new InputError(
        `The GitLab integration for ${integration.host} has no token; set integrations.gitlab[].token`,
      );
    }
    let client = this.clients.get(integration.host);
    if (!client) {
      client = {
        api: new Gitlab({
          // gitbeaker appends /api/v4 itself.
          host: integration.apiBaseUrl.replace(/\/api\/v4\/?$/, ''),
          token: integration.token,
          requesterFn: createGitLabRequesterFn(this.retry),
        }),
        host: integration.host,
        baseUrl: integration.baseUrl,
        token: integration.token,
      };
      this.clients.set(integration.host, client);
    }
    return client;
  }
}
