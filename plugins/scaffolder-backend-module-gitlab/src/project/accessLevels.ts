/** Member roles by GitLab's numeric access level. */
export const MEMBER_ACCESS_LEVELS = {
  guest: 10,
  reporter: 20,
  developer: 30,
  maintainer: 40,
  owner: 50,
} as const;

export type MemberAccessLevel = keyof typeof MEMBER_ACCESS_LEVELS;

/** Who may push to or merge into a protected branch. */
export const BRANCH_ACCESS_LEVELS = {
  noAccess: 0,
  developer: 30,
  maintainer: 40,
  admin: 60,
} as const;

export type BranchAccessLevel = keyof typeof BRANCH_ACCESS_LEVELS;

export function memberAccessLevelName(level: number): string {
  return (
    Object.entries(MEMBER_ACCESS_LEVELS).find(([, l]) => l === level)?.[0] ??
    `access level ${level}`
  );
}

export function branchAccessLevelName(level: number | undefined): string {
  return (
    Object.entries(BRANCH_ACCESS_LEVELS).find(([, l]) => l === level)?.[0] ??
    `access level ${level}`
  );
}
