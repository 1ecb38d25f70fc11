export interface Config {
  app?: {
    /** What the sign-in page offers. */
    signIn?: {
      /**
       * Show the username and password form of the backend's `ldap` auth
       * provider. Default true.
       * @visibility frontend
       */
      ldap?: boolean;
      /**
       * Show the guest sign-in (the backend's `guest` provider). Default: true
       * when `auth.environment` is `development`, which is its default.
       * @visibility frontend
       */
      guest?: boolean;
    };
  };
}
