/*
 * The guest needs no password, so choosing it once is remembered in the
 * browser, as Backstage's own sign-in page does: a reload signs the guest in
 * again. Signing out forgets it. LDAP passwords are never stored.
 */
const KEY = 'wombat.signIn.guest';

export function rememberGuest(remember: boolean) {
  try {
    if (remember) {
      window.localStorage.setItem(KEY, 'true');
    } else {
      window.localStorage.removeItem(KEY);
    }
  } catch {
    // storage unavailable: nothing to remember
  }
}

export function isGuestRemembered(): boolean {
  try {
    return window.localStorage.getItem(KEY) === 'true';
  } catch {
    return false;
  }
}
