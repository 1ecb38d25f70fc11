/*
 * "New project" end to end in a real browser: Debian's Chromium, driven by
 * Playwright, signs in to the portal (the built app, served by the real
 * backend next to the sandbox), fills the form on /create, submits it,
 * waits for every step, and opens the new project's page. Screenshots of
 * each stage go to .data/e2e-browser/ (kept as the run's artifacts).
 *
 *   yarn workspace app build   # first: the backend serves the built app
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/e2e-browser.ts
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { root } from './lib/backendProcess.mjs';
import { startGoldenPathRig } from './lib/goldenPathRig';

const PORT = 7025;
const CHROMIUM = process.env.WOMBAT_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = join(root, '.data', 'e2e-browser');

function log(message: string) {
  console.log(`[e2e:browser] ${message}`);
}

async function shot(page: Page, name: string) {
  await page.screenshot({
    path: join(ARTIFACTS, `${name}.png`),
    fullPage: true,
  });
}

/** Picks an option of a MUI Autocomplete field by typing part of it. */
async function pickOption(
  page: Page,
  label: string,
  typed: string,
  option: RegExp,
) {
  const input = page.getByLabel(label, { exact: false }).first();
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

async function main() {
  if (!existsSync(join(root, 'packages/app/dist/index.html'))) {
    throw new Error('Build the app first: yarn workspace app build');
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const rig = await startGoldenPathRig({ port: PORT, log });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({
    viewport: { width: 1440, height: 1000 },
  });
  page.setDefaultTimeout(30_000);
  try {
    await rig.waitForEntity('template:default/new-project');
    await rig.waitForEntity('cluster:default/dev-eu');

    await page.goto(rig.baseUrl);
    const enter = page.getByRole('button', { name: 'Enter' });
    await enter.click();
    // Signed in (and remembered) once the sign-in page has gone.
    await enter.waitFor({ state: 'detached' });
    await page.goto(`${rig.baseUrl}/create`);
    await page.getByText('New project', { exact: true }).first().waitFor();
    await shot(page, '1-templates');
    log('signed in as the guest; /create lists the golden paths');

    await page.goto(`${rig.baseUrl}/create/templates/default/new-project`);

    // Page 1: the project.
    const name = page.getByLabel('Name', { exact: false }).first();
    await name.fill('Orders');
    await page
      .getByText(/Must be a DNS-1123 label/)
      .first()
      .waitFor();
    await shot(page, '2-name-checked-as-you-type');
    await name.fill('orders');
    await page.getByLabel('Title', { exact: false }).first().fill('Orders');
    await page
      .getByLabel('Description', { exact: false })
      .first()
      .fill('Order taking and tracking');
    // The pickers show entities by title.
    await pickOption(page, 'Owner', 'Payments', /Payments team/);
    await shot(page, '3-project');
    await page.getByRole('button', { name: 'Next' }).click();

    // Page 2: people; one member.
    await page.getByRole('button', { name: /add/i }).first().click();
    await pickOption(page, 'User or group', 'Kim', /Kim Nguyen/);
    await shot(page, '4-people');
    await page.getByRole('button', { name: 'Next' }).click();

    // Page 3: one environment on the Rancher cluster dev-eu.
    await page.getByRole('button', { name: /add/i }).first().click();
    await page.getByLabel('Environment', { exact: false }).first().fill('dev');
    await pickOption(page, 'Cluster', 'Development', /Development \(EU\)/);
    await page
      .getByLabel('Namespace', { exact: false })
      .first()
      .fill('orders-dev');
    await shot(page, '5-environments');
    await page.getByRole('button', { name: 'Review' }).click();
    await shot(page, '6-review');
    await page.getByRole('button', { name: 'Create' }).click();

    // The task page: every step ends, then the output links appear.
    const link = page.getByRole('link', { name: 'The project in the catalog' });
    await link.waitFor({ timeout: 120_000 });
    await shot(page, '7-task-done');
    log('the task ran every step');

    // The catalog takes in the registered Project on its own time; a person
    // would reload until it is there, the test asks the API first.
    await rig.waitForEntity('project:default/orders');
    await link.click();
    await page
      .getByRole('heading', { name: 'Orders', exact: true })
      .first()
      .waitFor();
    await page.getByText('orders-dev').first().waitFor();
    await page.getByRole('link', { name: 'Registry (Harbor)' }).waitFor();
    await page.waitForLoadState('networkidle');
    await shot(page, '8-project-page');
    log("the new project's page shows it, its environment and its links");

    const state = rig.sandbox.state();
    assert.ok(
      state.gitlab.projects.some(
        p => p.path_with_namespace === 'orders/orders',
      ),
      'the repository exists',
    );
    assert.ok(state.harbor.projects.some(p => p.name === 'orders'));
    assert.ok(
      state.rancher.kube['c-m-abc12'].namespaces.some(
        n => n.metadata.name === 'orders-dev',
      ),
    );
  } catch (error) {
    await shot(page, 'failure').catch(() => {});
    throw error;
  } finally {
    await browser.close();
    await rig.stop();
  }
  log(`screenshots in ${ARTIFACTS}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
