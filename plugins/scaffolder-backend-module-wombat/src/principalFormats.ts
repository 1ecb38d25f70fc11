import type { Config } from '@backstage/config';
import type { PrincipalFormats } from './filters/wombatRancherMembers';

/**
 * `wombat.rancher.principals`, checked at start: each format must contain
 * `{name}`, or every member would get the same principal.
 */
export function readPrincipalFormats(
  config: Config,
): PrincipalFormats | undefined {
  const principals = config.getOptionalConfig('wombat.rancher.principals');
  if (!principals) {
    return undefined;
  }
  const formats = {
    user: principals.getString('user'),
    group: principals.getString('group'),
  };
  for (const [kind, format] of Object.entries(formats)) {
    if (!format.includes('{name}')) {
      throw new Error(
        `wombat.rancher.principals.${kind} must contain {name}, e.g. openldap_${kind}://...{name}...; got ${format}`,
      );
    }
  }
  return formats;
}
