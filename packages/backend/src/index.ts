import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// Username and password sign-in against LDAP (auth.providers.ldap).
backend.add(import('@wombat/plugin-auth-backend-module-ldap-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
// Logs catalog processing errors, such as a Project that fails validation.
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@wombat/plugin-catalog-backend-module-wombat'));
// Users and groups from LDAP (catalog.providers.ldapOrg).
backend.add(import('@backstage/plugin-catalog-backend-module-ldap'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
// Backstage's own GitLab actions (publish:gitlab, ...) beside Wombat's.
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
backend.add(import('@wombat/plugin-scaffolder-backend-module-gitlab'));
backend.add(import('@wombat/plugin-scaffolder-backend-module-harbor'));
backend.add(import('@wombat/plugin-scaffolder-backend-module-rancher'));
backend.add(import('@wombat/plugin-scaffolder-backend-module-proxmox'));
// Template filters of the golden paths (templates/).
backend.add(import('@wombat/plugin-scaffolder-backend-module-wombat'));

backend.add(import('@backstage/plugin-permission-backend'));
// Project-scoped roles; see wombat.rbac in app-config.yaml.
backend.add(import('@wombat/plugin-permission-backend-module-wombat'));

backend.start();
