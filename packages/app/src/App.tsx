import { createApp } from '@backstage/frontend-defaults';
import { catalogGraphModuleWombat } from '@wombat/plugin-wombat';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

// Plugins come from packages/app/package.json through feature discovery
// (app.packages: all in app-config.yaml); modules are listed here.
export default createApp({
  features: [navModule, catalogGraphModuleWombat, signInModule],
});
