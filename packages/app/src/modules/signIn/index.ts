import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

/** Replaces the app's sign-in page (`sign-in-page:app`). */
const ldapSignInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => (await import('./LdapSignInPage')).LdapSignInPage,
  },
});

/**
 * The sign-in page of Wombat: LDAP username and password, plus the guest
 * sign-in during local development.
 */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [ldapSignInPage],
});
