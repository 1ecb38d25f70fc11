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
    /** Rancher servers whose clusters get projects and namespaces. */
    rancher?: {
      /** The instances; actions pick one by name, `default` when not given. */
      instances?: Array<{
        /** The name actions and Cluster entities (`spec.rancher.instance`) use. */
        name: string;
        /** The web address, e.g. https://rancher.example.com. */
        url: string;
        /**
         * An API key as `token-xxxxx:secret`.
         * @visibility secret
         */
        token: string;
      }>;
    };
    /** Proxmox VE clusters that VMs are created in. */
    proxmox?: {
      /** The instances; actions pick one by name, `default` when not given. */
      instances?: Array<{
        /** The name actions use. */
        name: string;
        /** The API address, e.g. https://pve.example.com:8006. */
        url: string;
        /** API token id, `user@realm!tokenname`. */
        tokenId: string;
        /**
         * The token's secret (a UUID).
         * @visibility secret
         */
        tokenSecret: string;
        /** The node VMs go to when an action names none. */
        node?: string;
      }>;
    };
  };
}
