import { Config } from '@backstage/config';
import { ConfiguredInstances } from '../ConfiguredInstances';
import { RetryOptions } from '../retry';
import { HarborClient, HarborInstanceConfig } from './HarborClient';

/**
 * Harbor clients for the instances in `wombat.harbor.instances`.
 *
 * @public
 */
export class HarborClientFactory {
  static fromConfig(config: Config, options: { retry?: RetryOptions } = {}) {
    return new HarborClientFactory(
      new ConfiguredInstances<HarborInstanceConfig, HarborClient>({
        config,
        key: 'wombat.harbor.instances',
        system: 'Harbor',
        read: instance => ({
          name: instance.getString('name'),
          url: instance.getString('url'),
          username: instance.getString('username'),
          password: instance.getString('password'),
        }),
        create: instance => new HarborClient(instance, options.retry),
      }),
    );
  }

  private constructor(
    private readonly instances: ConfiguredInstances<
      HarborInstanceConfig,
      HarborClient
    >,
  ) {}

  /** The client for the instance of that name (default: `default`). */
  forInstance(name?: string): HarborClient {
    return this.instances.get(name);
  }
}
