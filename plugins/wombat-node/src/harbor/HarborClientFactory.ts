import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { RetryOptions } from '../retry';
import { HarborClient, HarborInstanceConfig } from './HarborClient';

/**
 * Harbor clients for the instances in `wombat.harbor.instances`. Reading the
 * configuration is lazy, so a portal without Harbor still starts; an action
 * that needs Harbor then says what is missing.
 *
 * @public
 */
export class HarborClientFactory {
  static fromConfig(config: Config, options: { retry?: RetryOptions } = {}) {
    return new HarborClientFactory(config, options.retry);
  }

  private readonly clients = new Map<string, HarborClient>();

  private constructor(
    private readonly config: Config,
    private readonly retry?: RetryOptions,
  ) {}

  private instances(): HarborInstanceConfig[] {
    return (
      this.config.getOptionalConfigArray('wombat.harbor.instances') ?? []
    ).map(instance => ({
      name: instance.getString('name'),
      url: instance.getString('url'),
      username: instance.getString('username'),
      password: instance.getString('password'),
    }));
  }

  /** The client for the instance of that name (default: `default`). */
  forInstance(name: string = 'default'): HarborClient {
    let client = this.clients.get(name);
    if (!client) {
      const instances = this.instances();
      const instance = instances.find(i => i.name === name);
      if (!instance) {
        const known = instances.map(i => i.name).join(', ') || 'none';
        throw new InputError(
          `No Harbor instance named ${name} in wombat.harbor.instances (configured: ${known})`,
        );
      }
      client = new HarborClient(instance, this.retry);
      this.clients.set(name, client);
    }
    return client;
  }
}
