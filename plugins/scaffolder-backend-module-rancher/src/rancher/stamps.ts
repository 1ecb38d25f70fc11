import {
  parseProjectRef,
  stringifyProjectRef,
} from '@wombat/plugin-wombat-common';

/**
 * The key of the annotation that names the Wombat project (its full
 * reference) on a Rancher project and a namespace, and of the label that
 * carries the project's system name on a namespace, for selectors.
 */
export const PROJECT_STAMP_KEY = 'wombat.dev/project';

/** The label naming the project environment a namespace serves. */
export const ENVIRONMENT_LABEL = 'wombat.dev/environment';

/**
 * The Wombat projects a Rancher object's annotations say it belongs to:
 * none or one. A value that is not a full Project reference counts as no
 * stamp, so only an admin's adoption can claim the object.
 */
export function readStampAnnotation(
  annotations: Record<string, string> | null | undefined,
): string[] {
  const value = annotations?.[PROJECT_STAMP_KEY];
  if (value === undefined) {
    return [];
  }
  try {
    return [stringifyProjectRef(parseProjectRef(value))];
  } catch {
    return [];
  }
}
