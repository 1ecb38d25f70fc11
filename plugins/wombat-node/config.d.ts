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
      /** What `harbor:webhook:create` may point Harbor's webhooks at. */
      webhooks?: {
        /**
         * Address prefixes, e.g. `https://deployer.example.com/hooks/`, that
         * project developers may use as webhook targets. Harbor posts from
         * inside the platform's network, so any other address, and every
         * address while this is empty or unset, is for platform admins only.
         * Addresses are compared after normalising them (`new URL(x).href`);
         * end a prefix with `/` to allow only what lies below a path.
         */
        allowedTargets?: string[];
      };
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
        /**
         * What users who are not platform admins may ask `proxmox:vm:create`
         * for on this instance. Without it, only platform admins create VMs
         * here. Static addresses are for admins only: others get DHCP.
         */
        allowed?: {
          /**
           * Templates that may be cloned, by name or VMID, e.g.
           * `[ubuntu-24.04-cloud, 9000]`.
           */
          templates: Array<string | number>;
          /**
           * Networks the first interface may use. An entry without `vlan`
           * allows the bridge untagged only. Without a `network` input the
           * VM keeps its template's interface.
           */
          networks: Array<{
            /** A Linux bridge, e.g. `vmbr0`. */
            bridge: string;
            /** The VLAN tag, 1 to 4094. */
            vlan?: number;
          }>;
          /** Resource pools VMs may be put into; without it, none may be named. */
          pools?: string[];
          /** The most CPU cores a VM may get. */
          maxCores: number;
          /** The most memory a VM may get, in MiB. */
          maxMemoryMiB: number;
          /** The largest boot disk a VM may get, in GiB. */
          maxDiskGiB: number;
        };
      }>;
    };
  };
}
