/**
 * GitLab's API is snake_case. Grape silently drops parameters it does not
 * declare, so a camelCase key (a client that forgot to decamelize) changes
 * nothing on the server: the request "works" but the option is lost.
 */
export function camelCaseKeys(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => camelCaseKeys(item, `${prefix}[${i}]`));
  }
  if (value === null || typeof value !== 'object') {
    return [];
  }
  return Object.entries(value).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const own = /[a-z0-9][A-Z]/.test(key) ? [path] : [];
    return [...own, ...camelCaseKeys(child, path)];
  });
}

/** Keeps only the keys GitLab would read (drops camelCase ones). */
export function withoutCamelCaseKeys(
  params: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params).filter(([key]) => !/[a-z0-9][A-Z]/.test(key)),
  );
}
