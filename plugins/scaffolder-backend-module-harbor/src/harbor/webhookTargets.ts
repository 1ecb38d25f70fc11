import { Config } from '@backstage/config';

const CONFIG_KEY = 'wombat.harbor.webhooks.allowedTargets';

/** An http(s) address without credentials, or undefined. */
export function parseWebhookAddress(address: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  if (!['http:', 'https:'].includes(url.protocol)) {
    return undefined;
  }
  return url;
}

/**
 * The addresses project members may point Harbor's webhooks at
 * (`wombat.harbor.webhooks.allowedTargets`): Harbor's job service posts
 * from inside the platform's network, so any other address is for admins.
 * Addresses are compared normalised (`new URL(x).href`), so that a prefix
 * `https://hooks.example.com` does not let `https://hooks.example.com.evil`
 * or `https://hooks.example.com@evil` through.
 */
export class WebhookTargetAllowList {
  static fromConfig(config: Config): WebhookTargetAllowList {
    const prefixes = config.getOptionalStringArray(CONFIG_KEY) ?? [];
    return new WebhookTargetAllowList(
      prefixes.map((prefix, index) => {
        const url = parseWebhookAddress(prefix);
        if (!url || url.username || url.password) {
          throw new Error(
            `${CONFIG_KEY}[${index}] "${prefix}" must be an http or https address without credentials`,
          );
        }
        return url.href;
      }),
    );
  }

  private constructor(private readonly prefixes: string[]) {}

  /** Whether any address is allowed to non-admins at all. */
  get isEmpty(): boolean {
    return this.prefixes.length === 0;
  }

  allows(address: URL): boolean {
    return this.prefixes.some(prefix => address.href.startsWith(prefix));
  }
}
