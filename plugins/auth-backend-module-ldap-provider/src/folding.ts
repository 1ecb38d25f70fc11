/**
 * A username as the directory compares it. OpenLDAP's `uid` uses
 * caseIgnoreMatch, which applies NFKC and case folding and ignores outer
 * spaces, so `ｊdoe`, `ⅉdoe`, `ʲdoe`, `jdo𝐞` and `JDOE ` all find `uid=jdoe`.
 * The folding here merges at least what the directory merges (a little more,
 * e.g. `ß` and `ss`, or inner runs of spaces): a throttle key that merges
 * too much only counts stricter, one that merges too little lets variants
 * guess past a lock.
 *
 * @internal
 */
export function foldUsername(username: string): string {
  return (
    username
      .normalize('NFKC')
      // Upper then lower case folds `ß` and `ẞ` together, like full folding.
      .toUpperCase()
      .toLowerCase()
      // Lower-casing can leave sequences that NFKC composes differently (İ).
      .normalize('NFKC')
      .trim()
      .replace(/\s+/gu, ' ')
  );
}

/**
 * A DN as a throttle identity: the same entry must give the same key however
 * the server spells the attribute types, case or the spaces around the
 * separators.
 *
 * @internal
 */
export function foldDn(dn: string): string {
  return foldUsername(dn).replace(/\s*(?<!\\)([,=+])\s*/g, '$1');
}
