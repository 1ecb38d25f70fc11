import { readProjectStamps } from '@wombat/plugin-wombat-common';
import {
  PRODUCTION_TAG,
  ProjectScope,
  ProxmoxVmConfig,
  ProxmoxVmOwner,
  WOMBAT_TAG,
  isReservedTag,
  ownerTag,
  parseTags,
} from '@wombat/plugin-wombat-node';

/**
 * The description a clone gets: it names the project from the moment the
 * VM exists, so a VM whose clone finished but whose tags were never
 * written is still known as the project's.
 */
export function vmDescription(scope: ProjectScope): string {
  return `Created by Wombat for ${scope.ref} (${scope.stamp})`;
}

/** The VM's tags, from its config. */
export function vmTagsOf(config: ProxmoxVmConfig): string[] {
  return parseTags(config.tags === undefined ? undefined : String(config.tags));
}

/** The projects a VM's stamps name, in its tags and its description. */
export function vmStamps(config: ProxmoxVmConfig): string[] {
  return readProjectStamps([
    ...vmTagsOf(config),
    String(config.description ?? ''),
  ]);
}

/**
 * The tags proxmox:vm:create writes: Wombat's own (`wombat`, the project's
 * stamp, the owner's tag, `production` for a production project), the
 * caller's, and, on a VM that existed already, its other tags. A VM that
 * was tagged `production` keeps the tag.
 */
export function vmTags(options: {
  scope: ProjectScope;
  owner?: ProxmoxVmOwner;
  callerTags: string[];
  /** The tags of a VM that existed before this task; none for a new clone. */
  existingTags?: string[];
}): string[] {
  const { scope, owner, existingTags = [] } = options;
  const production =
    scope.entity?.spec.lifecycle === 'production' ||
    existingTags.includes(PRODUCTION_TAG);
  return [
    ...new Set([
      WOMBAT_TAG,
      scope.stamp,
      ...(owner ? [ownerTag(owner)] : []),
      ...(production ? [PRODUCTION_TAG] : []),
      ...options.callerTags,
      ...existingTags.filter(tag => !isReservedTag(tag)),
    ]),
  ];
}
