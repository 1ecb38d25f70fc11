/*
 * GitLab's own naming rules (Gitlab::PathRegex), checked before any request
 * so that a template fails with a reason instead of a 400 half-way through.
 */

const PATH_SEGMENT =
  /^[a-zA-Z0-9_.][a-zA-Z0-9_.-]*[a-zA-Z0-9_-]$|^[a-zA-Z0-9_]$/;

/**
 * Why `segment` cannot be one segment of a GitLab group or project path, or
 * undefined when it can.
 *
 * @public
 */
export function explainInvalidGitLabPath(segment: string): string | undefined {
  if (segment.length === 0) {
    return 'must not be empty';
  }
  if (segment.length > 255) {
    return `must be at most 255 characters long, it has ${segment.length}`;
  }
  if (!PATH_SEGMENT.test(segment)) {
    return 'can contain only letters, digits, "_", "-" and ".", and cannot start with "-" or end with "."';
  }
  if (/\.(git|atom)$/.test(segment)) {
    return 'cannot end in ".git" or ".atom"';
  }
  return undefined;
}

/**
 * Why `key` cannot be a GitLab CI/CD variable key, or undefined.
 *
 * @public
 */
export function explainInvalidGitLabVariableKey(
  key: string,
): string | undefined {
  if (!/^[A-Za-z0-9_]{1,255}$/.test(key)) {
    return 'can contain only letters, digits and "_", at most 255 of them';
  }
  return undefined;
}

/**
 * Why GitLab would refuse to mask `value`, or undefined. GitLab masks only
 * values of at least 8 characters without spaces or line breaks.
 *
 * @public
 */
export function explainUnmaskableValue(value: string): string | undefined {
  if (value.length < 8) {
    return 'must be at least 8 characters long to be masked';
  }
  if (/\s/.test(value)) {
    return 'cannot be masked: it contains spaces or line breaks';
  }
  return undefined;
}

/**
 * Whether the group or project path `path` is the group `group` or lies
 * below it, segment by segment (`payments-evil` is not inside `payments`).
 * GitLab resolves paths case-insensitively, and so does this.
 *
 * @public
 */
export function isWithinGitLabGroup(path: string, group: string): boolean {
  const trim = (value: string) =>
    value.replace(/^\/+|\/+$/g, '').toLocaleLowerCase('en-US');
  const inner = trim(path);
  const outer = trim(group);
  return outer !== '' && (inner === outer || inner.startsWith(`${outer}/`));
}
