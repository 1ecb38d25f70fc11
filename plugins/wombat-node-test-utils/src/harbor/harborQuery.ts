/**
 * Parses Harbor's `q` query syntax, `k1=v1,k2=~v2`, into key/value pairs.
 * Only exact (`k=v`) and fuzzy (`k=~v`) matches are understood.
 */
export function parseHarborQuery(
  q: string | undefined,
): Record<string, { value: string; fuzzy: boolean }> {
  const result: Record<string, { value: string; fuzzy: boolean }> = {};
  if (!q) {
    return result;
  }
  for (const pair of q.split(',')) {
    const separator = pair.indexOf('=');
    if (separator <= 0) {
      continue;
    }
    const key = pair.slice(0, separator).trim();
    const raw = pair.slice(separator + 1).trim();
    const fuzzy = raw.startsWith('~');
    result[key] = { value: fuzzy ? raw.slice(1) : raw, fuzzy };
  }
  return result;
}
