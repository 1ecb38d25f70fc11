/*
 * The golden paths end to end through the API: the sandbox and the real
 * backend (SQLite), every template started with `POST
 * /api/scaffolder/v2/tasks`, and then what the simulated GitLab, Harbor,
 * Rancher and Proxmox hold and what the catalog shows, checked.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs scripts/e2e-golden-paths.ts
 */
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { startGoldenPathRig, type GoldenPathRig } from './lib/goldenPathRig';

const PORT = 7021;
const SSH_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGaCtk/fSFOcIxzm2yfbyc+ZlXXFWhupRS3/3Pze5Lia jdoe@laptop';

function log(message: string) {
  console.log(`[e2e:golden-paths] ${message}`);
}

const NEW_PROJECT = {
  name: 'checkout',
  title: 'Checkout',
  description: 'Baskets and payment pages',
  // The guest, jdoe, is in team-payments: a manager of what it owns.
  owner: 'group:default/team-payments',
  lifecycle: 'experimental',
  visibility: 'internal',
  members: [
    { member: 'user:default/tom', role: 'manager' },
    { member: 'user:default/raj', role: 'developer' },
    { member: 'group:default/auditors', role: 'viewer' },
  ],
  environments: [
    {
      name: 'dev',
      cluster: 'cluster:default/dev-eu',
      namespace: 'checkout-dev',
    },
    {
      name: 'test',
      cluster: 'cluster:default/dev-eu',
      namespace: 'checkout-test',
    },
  ],
  registryQuota: '5Gi',
};

function relationsOf(entity: any, type: string): string[] {
  return (entity.relations ?? [])
    .filter((r: any) => r.type === type)
    .map((r: any) => r.targetRef)
    .sort();
}

/** What the sandbox holds that a re-run must not add to. */
function inventory(rig: GoldenPathRig) {
  const state = rig.sandbox.state();
  const kube = state.rancher.kube['c-m-abc12'];
  return {
    gitlabProjects: state.gitlab.projects.length,
    gitlabMembers: state.gitlab.projects.flatMap(p => p.members).length,
    gitlabVariables: state.gitlab.projects.flatMap(p => p.variables).length,
    harborProjects: state.harbor.projects.length,
    harborMembers: state.harbor.projects.flatMap(p => p.members).length,
    robots: state.harbor.robots.length,
    rancherProjects: state.rancher.projects.length,
    bindings: state.rancher.projectRoleTemplateBindings.length,
    namespaces: kube.namespaces.length,
    secrets: kube.secrets.length,
    roleBindings: kube.roleBindings.length,
  };
}

async function newProject(rig: GoldenPathRig) {
  const task = await rig.runTemplate('new-project', NEW_PROJECT);
  assert.equal(task.status, 'completed', task.error);
  log(`"New project" completed in ${(task.durationMs / 1000).toFixed(1)} s`);

  const state = rig.sandbox.state({ secrets: true });

  // GitLab: the repository, its members and the CI robot's variables.
  const repo = state.gitlab.projects.find(
    p => p.path_with_namespace === 'checkout/checkout',
  );
  assert.ok(repo, 'the GitLab project checkout/checkout exists');
  assert.equal(repo.empty_repo, false);
  assert.deepEqual(
    repo.members.map(m => [m.username, m.access_level]),
    [
      ['tom', 40],
      ['raj', 30],
    ],
  );
  const variables = Object.fromEntries(repo.variables.map(v => [v.key, v]));
  assert.equal(variables.HARBOR_USERNAME.value, 'robot$checkout+ci');
  assert.equal(variables.HARBOR_PASSWORD.masked, true);
  assert.equal(variables.HARBOR_PROJECT.value, 'checkout');
  assert.equal(
    variables.HARBOR_REGISTRY.value,
    new URL(rig.sandbox.urls.harbor).host,
  );
  const ciRobot = state.harbor.robots.find(r => r.name === 'robot$checkout+ci');
  assert.ok(ciRobot, 'the Harbor CI robot exists');
  assert.equal(variables.HARBOR_PASSWORD.value, ciRobot.secret);

  const pushed = await rig.sandbox
    .systems()
    .repositories.readBlob(
      repo,
      (await rig.sandbox.systems().repositories.resolve(repo, 'main'))!,
      'catalog-info.yaml',
    );
  // Every value is quoted in the file, so none can add YAML of its own.
  const described = parseYaml(pushed!.content.toString());
  assert.equal(described.kind, 'Project');
  assert.equal(described.metadata.name, 'checkout');
  assert.deepEqual(described.spec.members, NEW_PROJECT.members);
  assert.deepEqual(described.spec.environments, NEW_PROJECT.environments);

  // Harbor: the project with its quota and members.
  const registry = state.harbor.projects.find(p => p.name === 'checkout');
  assert.ok(registry, 'the Harbor project exists');
  assert.equal(registry.storage_limit, 5 * 1024 ** 3);
  assert.deepEqual(
    registry.members
      .filter(m => m.entity_name !== 'admin')
      .map(m => [m.entity_name, m.entity_type, m.role_name])
      .sort(),
    [
      ['auditors', 'g', 'guest'],
      ['raj', 'u', 'developer'],
      ['team-payments', 'g', 'projectAdmin'],
      ['tom', 'u', 'maintainer'],
    ],
  );

  // Rancher: one project on dev-eu with the members' bindings, two namespaces
  // in it, each with a pull Secret holding its own pull robot.
  const rancherProjects = state.rancher.projects.filter(
    p => p.name === 'checkout',
  );
  assert.equal(rancherProjects.length, 1);
  const [rancherProject] = rancherProjects;
  const bindings = state.rancher.projectRoleTemplateBindings
    .filter(b => b.projectId === rancherProject.id)
    .map(b => [b.userPrincipalId ?? b.groupPrincipalId, b.roleTemplateId])
    .filter(([principal]) => principal?.startsWith('openldap'))
    .sort();
  assert.deepEqual(bindings, [
    ['openldap_group://cn=auditors,ou=groups,dc=acme,dc=example', 'read-only'],
    [
      'openldap_group://cn=team-payments,ou=groups,dc=acme,dc=example',
      'project-owner',
    ],
    ['openldap_user://uid=raj,ou=people,dc=acme,dc=example', 'project-member'],
    ['openldap_user://uid=tom,ou=people,dc=acme,dc=example', 'project-owner'],
  ]);
  const kube = state.rancher.kube['c-m-abc12'];
  for (const namespace of ['checkout-dev', 'checkout-test']) {
    const ns = kube.namespaces.find(n => n.metadata.name === namespace);
    assert.ok(ns, `namespace ${namespace} exists`);
    assert.equal(
      ns.metadata.annotations?.['field.cattle.io/projectId'],
      rancherProject.id,
    );
    const secret = kube.secrets.find(
      s =>
        s.metadata.namespace === namespace && s.metadata.name === 'harbor-pull',
    );
    assert.ok(secret, `the pull Secret in ${namespace} exists`);
    assert.equal(secret.type, 'kubernetes.io/dockerconfigjson');
    const dockerConfig = JSON.parse(
      Buffer.from(secret.data!['.dockerconfigjson'], 'base64').toString(),
    );
    const [registryHost] = Object.keys(dockerConfig.auths);
    assert.equal(registryHost, new URL(rig.sandbox.urls.harbor).host);
    const auth = dockerConfig.auths[registryHost];
    const pullRobot = state.harbor.robots.find(
      r => r.name === `robot$checkout+${namespace}-pull`,
    );
    assert.ok(pullRobot, `the pull robot of ${namespace} exists`);
    assert.equal(auth.username, `robot$checkout+${namespace}-pull`);
    assert.equal(auth.password, pullRobot.secret);
  }

  // The catalog: the new Project with its relations.
  const project = await rig.waitForEntity('project:default/checkout');
  assert.deepEqual(relationsOf(project, 'ownedBy'), [
    'group:default/team-payments',
  ]);
  assert.deepEqual(relationsOf(project, 'hasProjectMember'), [
    'group:default/auditors',
    'user:default/raj',
    'user:default/tom',
  ]);
  assert.deepEqual(relationsOf(project, 'deploysTo'), [
    'cluster:default/dev-eu',
  ]);
  assert.deepEqual(
    project.metadata.links.map((link: any) => [link.title, link.url]),
    [
      ['Repository', `${rig.sandbox.urls.gitlab}/checkout/checkout`],
      [
        'Registry (Harbor)',
        `${rig.sandbox.urls.harbor}/harbor/projects/${registry.project_id}/repositories`,
      ],
    ],
  );
  assert.deepEqual(task.output.created, {
    repository: true,
    registry: true,
    ciRobot: true,
    rancherProjects: [true, false],
    namespaces: [true, true],
  });
  log('GitLab, Harbor, Rancher and the catalog hold the new project');

  // The same values again: everything is found, nothing is made twice.
  const before = inventory(rig);
  const again = await rig.runTemplate('new-project', NEW_PROJECT);
  assert.equal(again.status, 'completed', again.error);
  assert.deepEqual(again.output.created, {
    repository: false,
    registry: false,
    ciRobot: false,
    rancherProjects: [false, false],
    namespaces: [false, false],
  });
  assert.deepEqual(inventory(rig), before);
  log('running it again created nothing and duplicated nothing');
}

async function failureAndRetry(rig: GoldenPathRig) {
  // Harbor fails while the CI robot is created: the task stops and says so.
  rig.sandbox.addFault({
    system: 'harbor',
    method: 'POST',
    path: '^/api/v2\\.0/robots$',
    status: 500,
    times: 1,
  });
  const values = {
    ...NEW_PROJECT,
    name: 'loyalty',
    title: 'Loyalty',
    environments: [
      {
        name: 'dev',
        cluster: 'cluster:default/dev-eu',
        namespace: 'loyalty-dev',
      },
    ],
  };
  const failed = await rig.runTemplate('new-project', values);
  assert.equal(failed.status, 'failed');
  assert.match(failed.error ?? '', /Harbor/);
  assert.match(failed.error ?? '', /500/);
  log(`with Harbor failing, the task failed saying: ${failed.error}`);

  const retried = await rig.retryTask(failed.id);
  assert.equal(retried.status, 'completed', retried.error);
  const state = rig.sandbox.state();
  assert.equal(
    state.gitlab.projects.filter(
      p => p.path_with_namespace === 'loyalty/loyalty',
    ).length,
    1,
  );
  assert.equal(
    state.harbor.projects.filter(p => p.name === 'loyalty').length,
    1,
  );
  const loyaltyId = state.harbor.projects.find(
    p => p.name === 'loyalty',
  )!.project_id;
  assert.deepEqual(
    state.harbor.robots
      .filter(r => r.project_id === loyaltyId)
      .map(r => r.name)
      .sort(),
    // The disabled stamp robot, the CI robot and the pull robot, once each.
    [
      'robot$loyalty+ci',
      'robot$loyalty+loyalty-dev-pull',
      'robot$loyalty+wombat',
    ],
  );
  assert.equal(
    state.rancher.projects.filter(p => p.name === 'loyalty').length,
    1,
  );
  log('the retried task completed without duplicates');
}

async function newService(rig: GoldenPathRig) {
  const task = await rig.runTemplate('new-service', {
    project: 'project:default/payments',
    name: 'refunds',
    description: 'Gives money back',
  });
  assert.equal(task.status, 'completed', task.error);
  const state = rig.sandbox.state({ secrets: true });
  const repo = state.gitlab.projects.find(
    p => p.path_with_namespace === 'payments/refunds',
  );
  assert.ok(repo, 'the GitLab project payments/refunds exists');
  const repositories = rig.sandbox.systems().repositories;
  const head = (await repositories.resolve(repo, 'main'))!;
  const files = (await repositories.readTree(repo, head, '', true))!
    .filter(entry => entry.type === 'blob')
    .map(entry => entry.path)
    .sort();
  assert.deepEqual(files, [
    '.gitlab-ci.yml',
    'Dockerfile',
    'README.md',
    'catalog-info.yaml',
    'package.json',
    'src/index.ts',
    'tsconfig.json',
  ]);
  const ci = (await repositories.readBlob(
    repo,
    head,
    '.gitlab-ci.yml',
  ))!.content.toString();
  assert.match(ci, /\$HARBOR_REGISTRY\/\$HARBOR_PROJECT\/refunds:/);
  const variables = Object.fromEntries(repo.variables.map(v => [v.key, v]));
  assert.equal(variables.HARBOR_PROJECT.value, 'payments');
  assert.equal(variables.HARBOR_USERNAME.value, 'robot$payments+ci-refunds');
  assert.equal(variables.HARBOR_PASSWORD.masked, true);

  const component = await rig.waitForEntity('component:default/refunds');
  assert.equal(
    component.metadata.annotations['wombat.dev/project'],
    'project:default/payments',
  );
  assert.deepEqual(relationsOf(component, 'ownedBy'), [
    'group:default/team-payments',
  ]);
  assert.deepEqual(relationsOf(component, 'partOfProject'), [
    'project:default/payments',
  ]);
  log('"New service" pushed a TypeScript service and registered its Component');
}

async function newAndDecommissionedVm(rig: GoldenPathRig) {
  const created = await rig.runTemplate('new-vm', {
    project: 'project:default/payments',
    name: 'reports-db',
    size: 'medium',
    network: 'dmz',
    sshKeys: [SSH_KEY],
    protection: false,
  });
  assert.equal(created.status, 'completed', created.error);
  const vm = rig.sandbox
    .state()
    .proxmox.vms.find(candidate => candidate.name === 'reports-db');
  assert.ok(vm, 'the VM exists in Proxmox');
  assert.equal(vm.status, 'running');
  assert.equal(vm.config.cores, '2');
  assert.match(vm.config.net0, /bridge=vmbr0,tag=20/);
  // payments is in production: the VM says so, and destroying it takes a
  // second confirmation.
  assert.deepEqual([...vm.tags].sort(), [
    'production',
    'wombat',
    'wombat-owner.team-payments',
    'wombat-project.default.payments',
  ]);
  assert.equal(vm.config.sshkeys, SSH_KEY);

  const resource = await rig.waitForEntity('resource:default/reports-db');
  assert.equal(resource.spec.type, 'virtual-machine');
  assert.equal(
    resource.metadata.annotations['wombat.dev/proxmox-vmid'],
    String(vm.vmid),
  );
  assert.deepEqual(relationsOf(resource, 'partOfProject'), [
    'project:default/payments',
  ]);
  log(`"New VM" made VM ${vm.vmid}, and it is in the catalog`);

  const kept = await rig.runTemplate('decommission-vm', {
    vm: 'resource:default/reports-db',
    confirmName: 'reports-db',
  });
  assert.equal(kept.status, 'failed');
  assert.match(kept.error ?? '', /production/);
  assert.ok(
    rig.sandbox.state().proxmox.vms.some(v => v.vmid === vm.vmid),
    'a production VM stays without the second confirmation',
  );
  const destroyed = await rig.runTemplate('decommission-vm', {
    vm: 'resource:default/reports-db',
    confirmName: 'reports-db',
    allowProduction: true,
  });
  assert.equal(destroyed.status, 'completed', destroyed.error);
  assert.equal(
    rig.sandbox.state().proxmox.vms.some(v => v.vmid === vm.vmid),
    false,
  );
  await rig.waitForEntity('resource:default/reports-db', { gone: true });
  log(
    '"Decommission VM" deleted it, once told it is a production VM, and it left the catalog',
  );

  // jdoe is a global developer, but has no role in web-shop: a VM there is
  // refused before anything is created.
  const vmsBefore = rig.sandbox.state().proxmox.vms.length;
  const refused = await rig.runTemplate('new-vm', {
    project: 'project:default/web-shop',
    name: 'web-cache',
    size: 'small',
    network: 'lan',
    sshKeys: [SSH_KEY],
  });
  assert.equal(refused.status, 'failed');
  assert.match(
    refused.error ?? '',
    /may not add to project:default\/web-shop: that needs the developer role in it/,
  );
  assert.equal(rig.sandbox.state().proxmox.vms.length, vmsBefore);
  log(
    'a global developer without a role in web-shop may not create a VM there',
  );
}

async function onboardCluster(rig: GoldenPathRig) {
  // Automation, with a service token rather than a user.
  const task = await rig.runTemplate(
    'onboard-cluster',
    {
      name: 'staging-eu',
      title: 'Staging (EU)',
      owner: 'group:default/platform',
      environment: 'staging',
      instance: 'default',
      clusterId: 'c-m-xyz89',
    },
    { token: rig.serviceToken },
  );
  assert.equal(task.status, 'completed', task.error);
  const cluster = await rig.waitForEntity('cluster:default/staging-eu');
  assert.deepEqual(cluster.spec, {
    owner: 'group:default/platform',
    type: 'rancher',
    environment: 'staging',
    rancher: { instance: 'default', clusterId: 'c-m-xyz89' },
  });
  log('"Onboard cluster" registered the Cluster, started by automation');
}

async function main() {
  const rig = await startGoldenPathRig({ port: PORT, log });
  try {
    await rig.waitForEntity('template:default/new-project');
    await rig.waitForEntity('project:default/payments');
    await newProject(rig);
    await failureAndRetry(rig);
    await newService(rig);
    await newAndDecommissionedVm(rig);
    await onboardCluster(rig);
    const violations = rig.sandbox.state().violations;
    assert.deepEqual(violations, {
      gitlab: [],
      harbor: [],
      rancher: [],
      proxmox: [],
    });
    log("no request broke a simulated API's contract");
  } catch (error) {
    // The backend's warnings and errors say why a task or entity went wrong.
    const problems = rig
      .backendOutput()
      .split('\n')
      .filter(line => /\b(warn|error)\b/i.test(line));
    console.error(problems.slice(-40).join('\n'));
    throw error;
  } finally {
    await rig.stop();
  }
}

main().then(
  () => log('all golden paths passed'),
  error => {
    console.error(error);
    process.exit(1);
  },
);
