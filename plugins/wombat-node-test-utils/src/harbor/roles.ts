/** Harbor project roles (src/common/const.go) by role id. */
export const ROLE_NAMES: Record<number, string> = {
  1: 'projectAdmin',
  2: 'developer',
  3: 'guest',
  4: 'maintainer',
  5: 'limitedGuest',
};
