import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';

// Plugins come from packages/app/package.json through feature discovery
// (app.packages: all in app-config.yaml); only app-level modules are listed.
export default createApp({
  features: [navModule],
});
