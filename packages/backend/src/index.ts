import { createBackend } from '@backstage/backend-defaults';
import { guestSignIn } from './guestSignIn';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
// Guest sign-in for local development only; see guestSignIn.ts.
backend.add(guestSignIn);
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
// Wombat's actions only: Backstage's own GitLab module acts with the
// integration's token on whatever a step names (group access, project
// access tokens, pushes), which no project-scoped check can bound.
backend.add(import('@wombat/plugin-scaffolder-backend-module-gitlab'));
backend.add(import('@wombat/plugin-scaffolder-backend-module-harbor'));
backend.add(import('@wombat/plugin-scaffolder-backend-module-rancher'));
backend.add(import('@wombat/plugin-scaffolder-backend-module-proxmox'));
// Template filters of the golden paths (templates/) and wombat:catalog:register.
backend.add(import('@wombat/plugin-scaffolder-backend-module-wombat'));

backend.add(import('@backstage/plugin-permission-backend'));
// Project-scoped roles; see wombat.rbac in app-config.yaml.
backend.add(import('@wombat/plugin-permission-backend-module-wombat'));

backend.start();
