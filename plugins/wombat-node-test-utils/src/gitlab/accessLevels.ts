/**
 * Access levels GitLab accepts, per endpoint. Grape rejects any other value
 * with `{"error":"<param> does not have a valid value"}`.
 */

/** Levels a project member can be given (Gitlab::Access.all_values). */
export const MEMBER_ACCESS_LEVELS: readonly number[] = [
  5, 10, 15, 20, 30, 40, 50,
];

/** Levels of protected-branch push, merge and unprotect rules. */
export const PROTECTED_BRANCH_ACCESS_LEVELS: readonly number[] = [
  0, 30, 40, 60,
];

/** The default rule an instance applies to push and merge. */
export const MAINTAINER_ACCESS = 40;

const DESCRIPTIONS: Record<number, string> = {
  0: 'No one',
  30: 'Developers + Maintainers',
  40: 'Maintainers',
  60: 'Admins',
};

/** Text GitLab shows for a protected-branch access level. */
export function accessLevelDescription(level: number): string {
  return DESCRIPTIONS[level] ?? `Access level ${level}`;
}
