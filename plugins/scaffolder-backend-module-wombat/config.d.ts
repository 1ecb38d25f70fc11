export interface Config {
  wombat?: {
    rancher?: {
      /**
       * How Rancher names the directory's users and groups, with `{name}`
       * for the catalog entity's name; the `wombatRancherMembers` template
       * filter builds project role bindings from them. For OpenLDAP:
       * `openldap_user://uid={name},ou=people,dc=example,dc=com` and
       * `openldap_group://cn={name},ou=groups,dc=example,dc=com`.
       */
      principals?: {
        user: string;
        group: string;
      };
    };
  };
}
