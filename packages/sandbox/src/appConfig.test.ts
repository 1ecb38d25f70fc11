import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { sandboxAppConfig } from './appConfig';
import { sandboxPorts } from './ports';
import { SYSTEM_NAMES } from './systems/SystemName';

describe('app-config.yaml', () => {
  it('points the integrations and wombat.* at the ports and credentials of `yarn sandbox`', () => {
    const root = path.resolve(
      path.dirname(require.resolve('sandbox/package.json')),
      '../..',
    );
    const config = parse(
      fs.readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
    );
    const ports = sandboxPorts();
    const urls = Object.fromEntries(
      SYSTEM_NAMES.map(system => [system, `http://127.0.0.1:${ports[system]}`]),
    ) as Record<(typeof SYSTEM_NAMES)[number], string>;
    const expected = sandboxAppConfig(urls, 'pve1');

    expect(config.integrations).toEqual(expected.integrations);
    for (const system of ['harbor', 'rancher', 'proxmox'] as const) {
      expect(config.wombat[system].instances).toEqual(
        expected.wombat[system].instances,
      );
    }
  });
});
