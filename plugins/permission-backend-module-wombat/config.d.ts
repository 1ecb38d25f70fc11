export interface Config {
  wombat?: {
    /** Who may do what in the portal. */
    rbac?: {
      /**
       * Users and groups that may do everything, as entity references, e.g.
       * group:default/platform-admins.
       */
      admins?: string[];
      /**
       * Global roles of users and groups, for example from LDAP groups:
       * developer may run templates and register entities, viewer may read.
       */
      roles?: Array<{
        /** A user or group entity reference. */
        subject: string;
        role: 'admin' | 'developer' | 'viewer';
      }>;
      /** The global role of everyone else; default viewer. */
      defaultRole?: 'developer' | 'viewer';
      /** How often project memberships are re-read from the catalog; default 30 seconds. */
      refreshSeconds?: number;
    };
  };
}
