/*
 * Tenancy end to end: the attacks of the security review, run through the
 * REST API by real users who sign in with LDAP against a real slapd, against
 * the real backend and the sandbox. Each attack must fail with a clear
 * message and leave GitLab, Harbor, Rancher and Proxmox exactly as they
 * were; the people who may act in a project can.
 *
 * The catalog holds the demo projects and golden paths, and templates that
 * hand their whole input to one action (scripts/e2e-tenancy/): what any
 * template could pass it, so the actions' own checks are tested, not only
 * the templates'.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/e2e-tenancy.ts
 */
import { startTestSlapd } from '@wombat/plugin-wombat-node-test-utils';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { poll, root } from './lib/backendProcess.mjs';
import {
  startGoldenPathRig,
  type GoldenPathRig,
  type TaskResult,
} from './lib/goldenPathRig';

const PORT = 7023;
const SSH_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGaCtk/fSFOcIxzm2yfbyc+ZlXXFWhupRS3/3Pze5Lia dana@laptop';

function log(message: string) {
  console.log(`[e2e:tenancy] ${message}`);
}

/** Everything the four systems hold, secrets included. */
function inventory(rig: GoldenPathRig): string {
  const { gitlab, harbor, rancher, proxmox } = rig.sandbox.state({
    secrets: true,
  });
  return JSON.stringify({ gitlab, harbor, rancher, proxmox });
}

type People = Record<
  'ada' | 'maria' | 'dana' | 'raj' | 'tom' | 'victor' | 'linus',
  string
>;

async function main() {
  const slapd = await startTestSlapd();
  const rig = await startGoldenPathRig({
    port: PORT,
    log,
    ldap: slapd,
    catalogLocation: join(root, 'scripts/e2e-tenancy/catalog.yaml'),
  });
  let failures = 0;
  const findings = new Set<string>();
  try {
    const people = {} as People;
    for (const name of [
      'ada',
      'maria',
      'dana',
      'raj',
      'tom',
      'victor',
      'linus',
    ] as const) {
      people[name] = await rig.signIn(name);
    }
    const as = (user: keyof People) => ({ token: people[user] });
    await rig.waitForEntity('template:default/x-proxmox-vm-destroy', {
      token: people.ada,
    });
    await rig.waitForEntity('project:default/payments', { token: people.ada });
    await rig.waitForEntity('resource:default/payments-db', {
      token: people.ada,
    });

    /** Runs an attack: it must fail saying why, and change nothing. */
    const refused = async (
      finding: string,
      what: string,
      attack: () => Promise<TaskResult | Response>,
      message: RegExp,
    ) => {
      const before = inventory(rig);
      try {
        const result = await attack();
        if (result instanceof Response) {
          assert.ok(
            [403, 404].includes(result.status),
            `answered ${result.status}`,
          );
        } else {
          assert.equal(result.status, 'failed', 'the task did not fail');
          assert.match(result.error ?? '', message);
        }
        assert.equal(inventory(rig), before, 'a system changed');
        findings.add(finding);
        log(
          `${finding}: ${what}: refused${
            result instanceof Response
              ? ` (${result.status})`
              : ` ("${result.error}")`
          }`,
        );
      } catch (error) {
        failures++;
        console.error(`[e2e:tenancy] FAILED ${finding}: ${what}: ${error}`);
      }
    };
    const raw = (user: keyof People, action: string, input: object) =>
      rig.runTemplate(`x-${action.replace(/:/g, '-')}`, { input }, as(user));
    const startTask = (user: keyof People, template: string, values: object) =>
      rig.api('/api/scaffolder/v2/tasks', {
        method: 'POST',
        token: people[user],
        body: JSON.stringify({
          templateRef: `template:default/${template}`,
          values,
        }),
      });

    // The policy reads the projects on its own schedule: dana's role in
    // payments counts from its first read after the catalog has them.
    await poll(
      "dana's role in payments to count",
      async () => {
        const res = await rig.api('/api/permission/authorize', {
          method: 'POST',
          token: people.dana,
          body: JSON.stringify({
            items: [
              {
                id: '1',
                permission: {
                  type: 'basic',
                  name: 'scaffolder.task.create',
                  attributes: { action: 'create' },
                },
              },
            ],
          }),
        });
        return (await res.json()).items?.[0]?.result === 'ALLOW';
      },
      Date.now() + 60_000,
    );

    // A developer of payments, and of nothing else, serves herself there.
    const service = await rig.runTemplate(
      'new-service',
      { project: 'project:default/payments', name: 'ledger' },
      as('dana'),
    );
    assert.equal(service.status, 'completed', service.error);
    const vm = await rig.runTemplate(
      'new-vm',
      {
        project: 'project:default/payments',
        name: 'ledger-db',
        size: 'small',
        network: 'lan',
        sshKeys: [SSH_KEY],
      },
      as('dana'),
    );
    assert.equal(vm.status, 'completed', vm.error);
    assert.ok(
      rig.sandbox
        .state()
        .proxmox.vms.find(v => v.name === 'ledger-db')
        ?.tags.includes('wombat-project.default.payments'),
    );
    log(
      'dana, a developer of payments only, ran New service and New VM for payments',
    );

    await refused(
      'F14',
      'dana runs New service for web-shop, where she has no role',
      () =>
        rig.runTemplate(
          'new-service',
          { project: 'project:default/web-shop', name: 'ledger' },
          as('dana'),
        ),
      /user:default\/dana may not add to project:default\/web-shop: that needs the developer role in it/,
    );
    await refused(
      'F14',
      'dana runs New VM for web-shop',
      () =>
        rig.runTemplate(
          'new-vm',
          {
            project: 'project:default/web-shop',
            name: 'ledger-web',
            size: 'small',
            network: 'lan',
            sshKeys: [SSH_KEY],
          },
          as('dana'),
        ),
      /may not add to project:default\/web-shop/,
    );
    await refused(
      'F14',
      'victor, a viewer, starts New service for payments',
      () =>
        startTask('victor', 'new-service', {
          project: 'project:default/payments',
          name: 'peek',
        }),
      /./,
    );

    // F1: New project named after an existing project.
    const riskEngine = {
      name: 'risk-engine',
      title: 'x',
      owner: 'group:default/team-web',
      lifecycle: 'experimental',
      visibility: 'private',
      members: [{ member: 'user:default/raj', role: 'manager' }],
      environments: [
        {
          name: 'dev',
          cluster: 'cluster:default/dev-eu',
          namespace: 'risk-engine-dev',
        },
      ],
    };
    await refused(
      'F1',
      'raj runs New project named like the private risk-engine',
      () => rig.runTemplate('new-project', riskEngine, as('raj')),
      /user:default\/raj may not add to project:default\/risk-engine/,
    );
    await refused(
      'F1',
      'dana, a developer of payments, runs New project named payments to make herself its manager',
      () =>
        rig.runTemplate(
          'new-project',
          {
            ...riskEngine,
            name: 'payments',
            owner: 'group:default/team-payments',
            visibility: 'internal',
            members: [{ member: 'user:default/dana', role: 'manager' }],
          },
          as('dana'),
        ),
      /Giving people access in project:default\/payments needs the manager role in it/,
    );
    await refused(
      'F1',
      "raj creates a repository in team-payments' group, in the name of his own project",
      () =>
        raw('raj', 'gitlab:project:create', {
          project: 'project:default/web-shop',
          repoUrl: `${
            new URL(rig.sandbox.urls.gitlab).host
          }?owner=team-payments&repo=fraud-model`,
        }),
      /repoUrl must be in the project's GitLab group web-shop/,
    );
    await refused(
      'F1',
      "tom, manager of web-shop, adopts payments' Harbor project",
      () =>
        raw('tom', 'harbor:project:create', {
          project: 'project:default/web-shop',
          name: 'payments',
          members: [{ username: 'tom', role: 'projectAdmin' }],
        }),
      /name/,
    );

    // F2: actions that act with the integration's token on any input.
    await refused(
      'F2',
      'raj reads a private repository with fetch:plain',
      () =>
        raw('raj', 'fetch:plain', {
          url: `${rig.sandbox.urls.gitlab}/risk-engine/risk-engine/-/tree/main`,
          targetPath: 'loot',
        }),
      /Unauthorized action: fetch:plain/,
    );
    await refused(
      'F2',
      "raj makes himself Owner of a group with Backstage's gitlab:group:access",
      () =>
        raw('raj', 'gitlab:group:access', {
          repoUrl: new URL(rig.sandbox.urls.gitlab).host,
          path: 'team-payments',
          userIds: [1],
          accessLevel: 50,
        }),
      /gitlab:group:access/,
    );
    const raj = `${rig.sandbox.urls.gitlab}/web-shop/web-shop/-/blob/main/catalog-info.yaml`;
    await refused(
      'F2',
      'raj registers a location of his own (a Template, a shadow Project, a Cluster)',
      () =>
        rig.api('/api/catalog/locations', {
          method: 'POST',
          token: people.raj,
          body: JSON.stringify({ type: 'url', target: raj }),
        }),
      /./,
    );
    findings.add('F6');
    findings.add('F12');

    // F3: another project's VM, through create and destroy.
    await refused(
      'F3',
      "tom, manager of web-shop, creates a VM named like payments' payments-db to adopt it",
      () =>
        raw('tom', 'proxmox:vm:create', {
          project: 'project:default/web-shop',
          template: 'ubuntu-24.04-cloud',
          name: 'payments-db',
          sshKeys: [SSH_KEY],
          protection: false,
        }),
      /belongs to another Wombat project/,
    );
    await refused(
      'F3',
      "tom destroys payments' VM 101 as manager of web-shop",
      () =>
        raw('tom', 'proxmox:vm:destroy', {
          project: 'project:default/web-shop',
          vmid: 101,
          confirmName: 'payments-db',
          allowProduction: true,
        }),
      /project/,
    );
    await refused(
      'F3',
      "raj tags a VM with payments' stamp",
      () =>
        raw('raj', 'proxmox:vm:create', {
          project: 'project:default/web-shop',
          template: 'ubuntu-24.04-cloud',
          name: 'raj-vm',
          tags: ['wombat-project.default.payments'],
        }),
      /tags/,
    );

    // F4: Rancher's management cluster, system projects, privileged namespaces.
    await refused(
      'F4',
      'tom names the raw cluster id local',
      () =>
        raw('tom', 'rancher:project:create', {
          project: 'project:default/web-shop',
          clusterId: 'local',
          name: 'System',
        }),
      /clusterId|additional/,
    );
    await refused(
      'F4',
      "tom adopts dev-eu's System project",
      () =>
        raw('tom', 'rancher:project:create', {
          project: 'project:default/web-shop',
          cluster: 'cluster:default/dev-eu',
          name: 'System',
        }),
      /System|name/,
    );
    await refused(
      'F4',
      'tom labels a namespace pod-security privileged',
      () =>
        raw('tom', 'rancher:namespace:create', {
          project: 'project:default/web-shop',
          cluster: 'cluster:default/dev-eu',
          namespace: 'web-shop-dev',
          labels: { 'pod-security.kubernetes.io/enforce': 'privileged' },
        }),
      /pod-security\.kubernetes\.io\/enforce/,
    );

    // F5: another project's robots and registry.
    await refused(
      'F5',
      "tom issues a robot of risk-engine's registry into web-shop's CI",
      () =>
        raw('tom', 'harbor:robot:create', {
          project: 'project:default/web-shop',
          harborProject: 'risk-engine',
          name: 'ci',
          permissions: ['pull', 'push'],
          gitlabVariables: {
            projectId: 'web-shop/web-shop',
            usernameKey: 'U',
            passwordKey: 'P',
          },
        }),
      /harborProject/,
    );
    await refused(
      'F5',
      "tom delivers web-shop's robot to a repository outside web-shop",
      () =>
        raw('tom', 'harbor:robot:create', {
          project: 'project:default/web-shop',
          name: 'ci',
          gitlabVariables: {
            projectId: 'payments/payments',
            usernameKey: 'U',
            passwordKey: 'P',
          },
        }),
      /gitlabVariables\.projectId/,
    );
    await refused(
      'F5',
      "tom pulls with risk-engine's pull robot in a namespace of his",
      () =>
        raw('tom', 'rancher:namespace:create', {
          project: 'project:default/web-shop',
          cluster: 'cluster:default/dev-eu',
          namespace: 'web-shop-dev',
          imagePullSecret: {
            harborProject: 'risk-engine',
            robotName: 'risk-engine-dev-pull',
          },
        }),
      /harborProject/,
    );

    // F13: what a VM may be.
    for (const [what, input, message] of [
      ['512 cores', { cores: 512 }, /cores/],
      [
        'another bridge and VLAN',
        { network: { bridge: 'vmbr1', vlan: 1 } },
        /network/,
      ],
      [
        "the gateway's address",
        { ipConfig: { cidr: '10.0.0.1/24' } },
        /ipConfig/,
      ],
    ] as const) {
      await refused(
        'F13',
        `dana asks for a VM with ${what}`,
        () =>
          raw('dana', 'proxmox:vm:create', {
            project: 'project:default/payments',
            template: 'ubuntu-24.04-cloud',
            name: 'big',
            ...input,
          }),
        message,
      );
    }

    // F16: webhooks to wherever.
    await refused(
      'F16',
      "tom points a webhook at the cloud's metadata service",
      () =>
        raw('tom', 'harbor:webhook:create', {
          project: 'project:default/web-shop',
          name: 'x',
          address: 'http://169.254.169.254/latest/meta-data',
          eventTypes: ['PUSH_ARTIFACT'],
        }),
      /address/,
    );

    // F7, F18: other people's tasks. maria's New service in the private
    // risk-engine: its parameters name the private project.
    const mariasTask = await rig.runTemplate(
      'new-service',
      { project: 'project:default/risk-engine', name: 'scorer' },
      as('maria'),
    );
    assert.equal(mariasTask.status, 'completed', mariasTask.error);
    await rig.waitForEntity('component:default/scorer', {
      token: people.maria,
    });
    const list = await (
      await rig.api('/api/scaffolder/v2/tasks', { token: people.victor })
    ).json();
    try {
      assert.deepEqual(
        list.tasks.filter((t: any) => t.createdBy !== 'user:default/victor'),
        [],
      );
      findings.add('F7');
      log("F7: victor lists tasks: none of anyone else's");
    } catch (error) {
      failures++;
      console.error(
        `[e2e:tenancy] FAILED F7: victor lists others' tasks: ${error}`,
      );
    }
    for (const path of ['', '/events']) {
      await refused(
        'F7',
        `victor reads maria's task${path}`,
        () =>
          rig.api(`/api/scaffolder/v2/tasks/${mariasTask.id}${path}`, {
            token: people.victor,
          }),
        /./,
      );
    }
    await refused(
      'F18',
      "raj retries maria's task under his own name",
      () =>
        rig.api(`/api/scaffolder/v2/tasks/${mariasTask.id}/retry`, {
          method: 'POST',
          token: people.raj,
          body: '{}',
        }),
      /./,
    );

    // F8: what reveals private projects besides the entities.
    const victorReads = async (path: string) =>
      (await rig.api(path, { token: people.victor })).json();
    const checks: Array<[string, () => Promise<boolean>]> = [
      [
        'the private project and its entities are not there for him',
        async () => {
          const status = async (path: string) =>
            (
              await rig.api(`/api/catalog/entities/by-name/${path}`, {
                token: people.victor,
              })
            ).status;
          const listed = JSON.stringify(
            await victorReads(
              '/api/catalog/entities?filter=kind=project&filter=kind=component',
            ),
          );
          return (
            (await status('project/default/risk-engine')) === 404 &&
            (await status('component/default/scorer')) === 404 &&
            !listed.includes('risk-engine') &&
            !listed.includes('"scorer"')
          );
        },
      ],
      [
        'relation facets name no private project',
        async () =>
          !JSON.stringify(
            await victorReads(
              '/api/catalog/entity-facets?facet=relations.projectMemberOf&facet=relations.deploymentTargetOf&facet=relations.ownerOf',
            ),
          ).includes('risk-engine'),
      ],
      [
        'filtering users by a private project finds nobody',
        async () =>
          (
            await victorReads(
              '/api/catalog/entities?filter=relations.projectMemberOf=project:default/risk-engine',
            )
          ).length === 0,
      ],
      [
        'Location entities are not listed',
        async () =>
          (await victorReads('/api/catalog/entities?filter=kind=location'))
            .length === 0,
      ],
      [
        'locations are not listed',
        async () => (await victorReads('/api/catalog/locations')).length === 0,
      ],
      [
        'locations by entity answer alike for private, public and unknown projects',
        async () => {
          const status = async (name: string) =>
            (
              await rig.api(
                `/api/catalog/locations/by-entity/project/default/${name}`,
                { token: people.victor },
              )
            ).status;
          const all = [
            await status('risk-engine'),
            await status('payments'),
            await status('no-such-project'),
          ];
          return all.every(s => s === all[0]);
        },
      ],
      [
        'a dry-run registration, which reads any file, is refused',
        async () =>
          (
            await rig.api('/api/catalog/locations?dryRun=true', {
              method: 'POST',
              token: people.victor,
              body: JSON.stringify({
                type: 'url',
                target: `${rig.sandbox.urls.gitlab}/risk-engine/risk-engine/-/blob/main/catalog-info.yaml`,
              }),
            })
          ).status === 403,
      ],
    ];
    for (const [what, check] of checks) {
      if (await check()) {
        log(`F8: ${what}`);
      } else {
        failures++;
        console.error(`[e2e:tenancy] FAILED F8: ${what}`);
      }
    }
    findings.add('F8');

    // F14: a project made private is hidden at once, not after the
    // policy's next read of the projects.
    const secret = await rig.runTemplate(
      'new-project',
      {
        name: 'secret2',
        title: 'Secret',
        owner: 'group:default/team-payments',
        lifecycle: 'experimental',
        visibility: 'private',
      },
      as('maria'),
    );
    assert.equal(secret.status, 'completed', secret.error);
    await rig.waitForEntity('project:default/secret2', {
      token: people.ada,
    });
    const peek = await rig.api(
      '/api/catalog/entities/by-name/project/default/secret2',
      { token: people.raj },
    );
    if (peek.status === 404) {
      findings.add('F14');
      log(
        'F14: a new private project is hidden from raj the moment it is in the catalog',
      );
    } else {
      failures++;
      console.error(
        `[e2e:tenancy] FAILED F14: raj read the new private project: ${peek.status}`,
      );
    }

    // F9, F15: sign-in.
    const signInStatus = async (username: string, password: string) =>
      (
        await fetch(`${rig.baseUrl}/api/auth/ldap/refresh`, {
          headers: {
            authorization: `Basic ${Buffer.from(
              `${username}:${password}`,
            ).toString('base64')}`,
            'x-requested-with': 'XMLHttpRequest',
          },
        })
      ).status;
    const wrong = await signInStatus('evil', 'wrong');
    const notInCatalog = await signInStatus('evil', 'evil-password');
    if (wrong === 401 && notInCatalog === 401) {
      findings.add('F15');
      log(
        'F15: a directory account outside the catalog with its right password gets the same 401 as a wrong password',
      );
    } else {
      failures++;
      console.error(
        `[e2e:tenancy] FAILED F15: wrong password ${wrong}, right password outside the catalog ${notInCatalog}`,
      );
    }
    const guesses: number[] = [];
    for (const username of [
      'linus',
      'linus',
      'linus',
      'linus',
      'ｌinus',
      'linuｓ',
      'LINUS ',
    ]) {
      guesses.push(await signInStatus(username, 'guess'));
    }
    if (guesses.slice(3).every(status => status === 429)) {
      findings.add('F9');
      log(
        `F9: after three wrong guesses, linus and his Unicode look-alikes are throttled (${guesses.join(
          ' ',
        )})`,
      );
    } else {
      failures++;
      console.error(`[e2e:tenancy] FAILED F9: ${guesses.join(' ')}`);
    }

    const violations = rig.sandbox.state().violations;
    assert.deepEqual(violations, {
      gitlab: [],
      harbor: [],
      rancher: [],
      proxmox: [],
    });
    log("no request broke a simulated API's contract");
    log(`findings covered here: ${[...findings].sort().join(', ')}`);
  } catch (error) {
    const problems = rig
      .backendOutput()
      .split('\n')
      .filter(line => /\b(warn|error)\b/i.test(line));
    console.error(problems.slice(-40).join('\n'));
    throw error;
  } finally {
    await rig.stop();
    await slapd.stop();
  }
  if (failures > 0) {
    throw new Error(`${failures} checks failed`);
  }
}

main().then(
  () => log('every attack failed safely'),
  error => {
    console.error(error);
    process.exit(1);
  },
);
