#!/usr/bin/env node
// Signs in to a running portal (./scripts/start) as the guest with headless
// Chromium, checks that the catalog's kind filter offers Project and Cluster,
// and saves screenshots of the demo Project and Cluster pages under docs/.
//
//   node scripts/screenshot.mjs [--url http://localhost:3000]
//
// Needs Debian's chromium (apt-get install chromium).

import { chromium } from 'playwright-core';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:3000' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});

const browser = await chromium.launch({
  executablePath: args.chromium,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await browser.newPage({
    viewport: { width: 1440, height: 1000 },
  });
  await page.goto(args.url);
  await page.getByRole('button', { name: 'Enter' }).click();

  // The catalog is the front page; its kind filter lists the kinds it holds.
  await page.locator('[aria-label="Kind"] [role="button"]').click();
  for (const kind of ['Project', 'Cluster']) {
    await page.getByRole('option', { name: kind, exact: true }).waitFor();
  }
  await page.keyboard.press('Escape');
  console.log('kind filter offers Project and Cluster');

  const shots = [
    [
      '/catalog/default/project/payments',
      'Belongs to this project',
      'project-page.png',
    ],
    [
      '/catalog/default/cluster/dev-eu',
      'Projects on this cluster',
      'cluster-page.png',
    ],
  ];
  for (const [path, text, file] of shots) {
    await page.goto(`${args.url}${path}`);
    await page.getByText(text).waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(root, 'docs', file), fullPage: true });
    console.log(`saved docs/${file}`);
  }
} finally {
  await browser.close();
}
