export interface Config {
  /** Wombat's own settings. */
  wombat?: {
    /** Harbor registries that scaffolder actions create projects and robots in. */
    harbor?: {
      /**
       * The instances; actions pick one by name with their `instance` input,
       * `default` when it is not given.
       */
      instances?: Array<{
        /** The name actions use for this instance, e.g. `default`. */
        name: string;
        /** The web address, e.g. https://harbor.example.com. */
        url: string;
        /** A Harbor user allowed to create projects, usually a system admin. */
        username: string;
        /**
         * That user's password.
         * @visibility secret
         */
        password: string;
      }>;
    };
  };
}
