/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expect*"] }] */
import { ConfigReader } from '@backstage/config';
import {
  ProxmoxClient,
  ProxmoxClientFactory,
  encodeSshKeysParameter,
  type ProxmoxGuestInterface,
} from '@wombat/plugin-wombat-node';
import { SANDBOX_CREDENTIALS } from '../credentials';
import { startSandbox, type Sandbox } from '../startSandbox';
import {
  pollUntil,
  send,
  SSH_PUBLIC_KEY,
  type HttpAnswer,
} from './httpHelpers';

/**
 * The Proxmox VE simulator over real HTTP, against the Proxmox VE 9.1.3 API
 * as pve-http-server and qemu-server serve it: form-encoded parameters
 * checked against the API schema, `{"data": ...}` answers, the reason of a
 * failure in the status line and the body, asynchronous work as tasks.
 */

const { tokenId, tokenSecret } = SANDBOX_CREDENTIALS.proxmox;
const TOKEN = `PVEAPIToken=${tokenId}=${tokenSecret}`;
const NODE = 'pve1';
const TEMPLATE = 9000;
/** The demo catalog's running VM. */
const DEMO_VM = 101;
const UPID =
  /^UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8,9}:[0-9A-F]{8}:\w+:\d+:wombat@pve!portal:$/;

type Call = {
  /** Sent as application/x-www-form-urlencoded, as the real API expects. */
  form?: Record<string, string>;
  json?: Record<string, unknown>;
  /** null sends no Authorization header. */
  authorization?: string | null;
};

let sandbox: Sandbox;
beforeAll(async () => {
  // The agent's delay leaves room to observe its refusals on a loaded machine.
  sandbox = await startSandbox({ proxmox: { taskMs: 30, agentReadyMs: 400 } });
});
afterAll(() => sandbox.stop());

function pve(method: string, path: string, call: Call = {}) {
  const authorization =
    call.authorization === undefined ? TOKEN : call.authorization;
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(authorization === null ? {} : { authorization }),
  };
  let body: string | undefined;
  if (call.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(call.form).toString();
  } else if (call.json) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(call.json);
  }
  return send(`${sandbox.urls.proxmox}/api2/json${path}`, {
    method,
    headers,
    body,
  });
}

const vmPath = (vmid: number) => `/nodes/${NODE}/qemu/${vmid}`;

/** Success: 200 with `{"data": ...}`; returns the data. */
function expectData(answer: HttpAnswer): any {
  expect({ status: answer.status, statusText: answer.statusText }).toEqual({
    status: 200,
    statusText: 'OK',
  });
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(answer.json)).toEqual(['data']);
  return answer.json.data;
}

/**
 * A failure as pve-http-server sends it: the reason in the status line,
 * and `{"data":null,"message":"<reason>\n"}` plus `errors` per parameter.
 */
function expectFailure(
  answer: HttpAnswer,
  status: number,
  reason: string,
  errors?: Record<string, unknown>,
) {
  expect({
    status: answer.status,
    statusText: answer.statusText,
    body: answer.json,
  }).toEqual({
    status,
    statusText: reason,
    body: {
      data: null,
      message: `${reason}\n`,
      ...(errors ? { errors } : {}),
    },
  });
}

const expectParameterFailure = (
  answer: HttpAnswer,
  errors: Record<string, unknown>,
) => expectFailure(answer, 400, 'Parameter verification failed.', errors);

function taskStatus(upid: string) {
  return pve('GET', `/nodes/${NODE}/tasks/${encodeURIComponent(upid)}/status`);
}

/** Polls the task's status until it has stopped, and returns that status. */
function waitForTask(upid: string) {
  return pollUntil(
    async () => {
      const data = expectData(await taskStatus(upid));
      return data.status === 'stopped' ? data : undefined;
    },
    { what: `task ${upid}` },
  );
}

/** Runs an asynchronous call to the end and returns the stopped task. */
async function runTask(answer: HttpAnswer) {
  const upid = expectData(answer);
  expect(upid).toMatch(UPID);
  return waitForTask(upid);
}

async function nextId(): Promise<number> {
  return Number(expectData(await pve('GET', '/cluster/nextid')));
}

/** A linked clone of the template, ready to use. */
async function cloneTemplate(name: string): Promise<number> {
  const vmid = await nextId();
  const task = await runTask(
    await pve('POST', `${vmPath(TEMPLATE)}/clone`, {
      form: { newid: String(vmid), name },
    }),
  );
  expect(task.exitstatus).toBe('OK');
  return vmid;
}

async function config(vmid: number) {
  return expectData(await pve('GET', `${vmPath(vmid)}/config`));
}

const violations = () => sandbox.state().violations.proxmox;

describe('Proxmox contract: authentication and answers', () => {
  it('answers with the API token, and 401 with the reason in the status line and no body without it', async () => {
    expect(expectData(await pve('GET', '/cluster/nextid'))).toMatch(/^\d+$/);

    for (const [authorization, reason] of [
      [null, 'No ticket'],
      [`Bearer ${tokenSecret}`, 'No ticket'],
      [`PVEAPIToken=${tokenId}=wrong-secret`, 'invalid token value!'],
      [
        `PVEAPIToken=${tokenId.replace('portal', 'other')}=${tokenSecret}`,
        "no such token 'other' for user 'wombat@pve'",
      ],
    ] as const) {
      const refused = await pve('GET', '/cluster/nextid', { authorization });
      expect({
        status: refused.status,
        statusText: refused.statusText,
        text: refused.text,
      }).toEqual({ status: 401, statusText: reason, text: '' });
    }
  });

  it('answers 501 for a method the API does not have, 500 for an unknown node or VM', async () => {
    expectFailure(
      await pve('GET', `${vmPath(DEMO_VM)}/nonsense`),
      501,
      `Method 'GET /nodes/pve1/qemu/101/nonsense' not implemented`,
    );
    const unknownNode = await pve('GET', '/nodes/pve9/qemu/101/status/current');
    expect(unknownNode.status).toBe(500);
    expect(unknownNode.statusText).toMatch(/^hostname lookup 'pve9' failed/);
    expect(unknownNode.json).toEqual({
      data: null,
      message: `${unknownNode.statusText}\n`,
    });
    expectFailure(
      await pve('GET', `${vmPath(4242)}/status/current`),
      500,
      "Configuration file 'nodes/pve1/qemu-server/4242.conf' does not exist",
    );
  });
});

describe('Proxmox contract: next free VMID', () => {
  it('answers the lowest free VMID as a string, and checks a given one', async () => {
    // The demo VM has 101 and the template 9000.
    expect(expectData(await pve('GET', '/cluster/nextid'))).toBe('100');
    expect(expectData(await pve('GET', '/cluster/nextid?vmid=150'))).toBe(
      '150',
    );
    expectParameterFailure(
      await pve('GET', `/cluster/nextid?vmid=${DEMO_VM}`),
      {
        vmid: 'VM 101 already exists',
      },
    );
    expectParameterFailure(await pve('GET', '/cluster/nextid?vmid=99'), {
      vmid: expect.any(String),
    });
    expectParameterFailure(await pve('GET', '/cluster/nextid?vmid=abc'), {
      vmid: expect.any(String),
    });
  });
});

describe('Proxmox contract: clone and tasks', () => {
  it('clones the template: a UPID at once, the VM complete when the qmclone task stops OK', async () => {
    const vmid = await nextId();
    const answer = await pve('POST', `${vmPath(TEMPLATE)}/clone`, {
      form: {
        newid: String(vmid),
        name: 'contract-clone',
        description: 'Created by Wombat for project:default/payments',
      },
    });
    const upid = expectData(answer);
    expect(upid).toMatch(UPID);
    expect(upid).toContain(':qmclone:9000:');

    // Until the task ends the new VM has only its lock, then its config.
    const underway = { lock: 'clone', digest: expect.any(String) };
    const done = expect.objectContaining({ name: 'contract-clone' });
    expect([underway, done]).toContainEqual(await config(vmid));
    const task = await waitForTask(upid);
    expect(task).toMatchObject({
      upid,
      node: NODE,
      type: 'qmclone',
      id: String(TEMPLATE),
      // The token's task: Proxmox names the user and the token apart.
      user: 'wombat@pve',
      tokenid: 'portal',
      status: 'stopped',
      exitstatus: 'OK',
      pid: expect.any(Number),
      starttime: expect.any(Number),
    });

    const template = await config(TEMPLATE);
    const clone = await config(vmid);
    expect(clone).toMatchObject({
      name: 'contract-clone',
      // The clone keeps the description it was given.
      description: 'Created by Wombat for project:default/payments',
      cores: 2,
      scsi0: `local-lvm:base-9000-disk-0/vm-${vmid}-disk-0,size=8G`,
      digest: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    expect(clone).not.toHaveProperty('lock');
    expect(clone).not.toHaveProperty('template');
    expect(clone.net0).toMatch(/^virtio=BC:24:11:[0-9A-F:]{8},bridge=vmbr0$/);
    expect(clone.net0).not.toBe(template.net0);

    const vms = expectData(await pve('GET', '/cluster/resources?type=vm'));
    expect(vms).toContainEqual(
      expect.objectContaining({
        vmid,
        name: 'contract-clone',
        node: NODE,
        status: 'stopped',
        template: 0,
      }),
    );
  });

  it('refuses a clone onto a taken VMID (500) and malformed parameters (400)', async () => {
    expectFailure(
      await pve('POST', `${vmPath(TEMPLATE)}/clone`, {
        form: { newid: String(DEMO_VM) },
      }),
      500,
      'unable to create VM 101: config file already exists',
    );
    expectParameterFailure(
      await pve('POST', `${vmPath(TEMPLATE)}/clone`, {
        form: { name: 'no-id' },
      }),
      { newid: expect.stringMatching(/missing/) },
    );
    expectParameterFailure(
      await pve('POST', `${vmPath(TEMPLATE)}/clone`, {
        form: { newid: '300', name: 'not a dns name' },
      }),
      { name: expect.any(String) },
    );
    expectFailure(
      await pve('POST', `${vmPath(TEMPLATE)}/clone`, {
        form: { newid: '300', storage: 'local-lvm' },
      }),
      500,
      "parameter 'storage' not allowed for linked clones",
    );
    const vms = expectData(await pve('GET', '/cluster/resources?type=vm'));
    expect(vms.map((vm: { vmid: number }) => vm.vmid)).not.toContain(300);
  });

  it('answers 400 for a task that does not exist', async () => {
    const upid =
      'UPID:pve1:0000FFFF:0000FFFF:0000FFFF:qmclone:9000:wombat@pve!portal:';
    expectParameterFailure(await taskStatus(upid), { upid: 'no such task' });
  });
});

describe('Proxmox contract: configuration', () => {
  let vmid: number;
  beforeAll(async () => {
    vmid = await cloneTemplate('contract-config');
  });

  it('changes the config with PUT at once; sshkeys are percent-encoded inside the form', async () => {
    const keys = `${SSH_PUBLIC_KEY}\n${SSH_PUBLIC_KEY.replace(
      'jdoe@laptop',
      'jdoe@desktop',
    )}`;
    const changed = await pve('PUT', `${vmPath(vmid)}/config`, {
      form: {
        cores: '4',
        memory: '4096',
        ciuser: 'ubuntu',
        sshkeys: encodeURIComponent(keys),
        ipconfig0: 'ip=10.0.0.50/24,gw=10.0.0.1',
        tags: 'wombat;wombat-project.contract',
        protection: '1',
      },
    });
    expect(expectData(changed)).toBeNull();
    expect(await config(vmid)).toMatchObject({
      cores: 4,
      memory: '4096',
      ciuser: 'ubuntu',
      sshkeys: encodeURIComponent(keys),
      ipconfig0: 'ip=10.0.0.50/24,gw=10.0.0.1',
      tags: 'wombat;wombat-project.contract',
      protection: 1,
    });

    // A JSON body works too; booleans arrive as 1/0.
    expect(
      expectData(
        await pve('PUT', `${vmPath(vmid)}/config`, {
          json: { onboot: true, description: 'set as JSON' },
        }),
      ),
    ).toBeNull();
    expect(await config(vmid)).toMatchObject({
      onboot: 1,
      description: 'set as JSON',
    });
  });

  it('refuses a raw SSH key (400), + for spaces (400) and text that is no key (500), changing nothing', async () => {
    const before = await config(vmid);
    const refused = await pve('PUT', `${vmPath(vmid)}/config`, {
      form: { sshkeys: SSH_PUBLIC_KEY },
    });
    expectParameterFailure(refused, {
      sshkeys: expect.stringMatching(
        /^invalid format - invalid urlencoded string: ssh-ed25519 /,
      ),
    });
    expectParameterFailure(
      await pve('PUT', `${vmPath(vmid)}/config`, {
        form: {
          sshkeys: encodeURIComponent(SSH_PUBLIC_KEY).replace(/%20/g, '+'),
        },
      }),
      { sshkeys: expect.stringMatching(/invalid urlencoded string/) },
    );
    expectFailure(
      await pve('PUT', `${vmPath(vmid)}/config`, {
        form: { sshkeys: encodeURIComponent('not an ssh key') },
      }),
      500,
      'SSH public key validation error',
    );
    expect((await config(vmid)).digest).toBe(before.digest);
  });

  it('checks every parameter against the schema', async () => {
    expectParameterFailure(
      await pve('PUT', `${vmPath(vmid)}/config`, {
        form: { colour: 'blue' },
      }),
      {
        colour:
          'property is not defined in schema and the schema does not allow additional properties',
      },
    );
    expectParameterFailure(
      await pve('PUT', `${vmPath(vmid)}/config`, { form: { cores: 'many' } }),
      { cores: expect.stringMatching(/type check/) },
    );
    expectParameterFailure(
      await pve('PUT', `${vmPath(vmid)}/config`, {
        form: { ipconfig0: 'ip=10.0.0.300/24' },
      }),
      { ipconfig0: expect.any(String) },
    );
    expectParameterFailure(
      await pve('PUT', `${vmPath(vmid)}/config`, {
        form: { tags: 'wombat;bad/tag' },
      }),
      { tags: expect.any(String) },
    );
  });

  it('applies POST config when its qmconfig task stops, and refuses a stale digest', async () => {
    const { digest } = await config(vmid);
    const task = await runTask(
      await pve('POST', `${vmPath(vmid)}/config`, {
        form: { description: 'changed in a task', digest },
      }),
    );
    expect(task).toMatchObject({ type: 'qmconfig', exitstatus: 'OK' });
    expect((await config(vmid)).description).toBe('changed in a task');

    expectFailure(
      await pve('PUT', `${vmPath(vmid)}/config`, {
        form: { description: 'too late', digest },
      }),
      500,
      'checksum mismatch (file change by other user?)',
    );
  });
});

describe('Proxmox contract: disks', () => {
  it('grows a disk through the resize task, and fails the task when asked to shrink', async () => {
    const vmid = await cloneTemplate('contract-disk');
    const grown = await runTask(
      await pve('PUT', `${vmPath(vmid)}/resize`, {
        form: { disk: 'scsi0', size: '+4G' },
      }),
    );
    expect(grown).toMatchObject({ type: 'resize', exitstatus: 'OK' });
    expect((await config(vmid)).scsi0).toMatch(/,size=12G$/);

    const shrunk = await runTask(
      await pve('PUT', `${vmPath(vmid)}/resize`, {
        form: { disk: 'scsi0', size: '10G' },
      }),
    );
    expect(shrunk).toMatchObject({
      status: 'stopped',
      exitstatus: 'shrinking disks is not supported',
    });
    expect((await config(vmid)).scsi0).toMatch(/,size=12G$/);

    expect(
      (
        await runTask(
          await pve('PUT', `${vmPath(vmid)}/resize`, {
            form: { disk: 'scsi0', size: '32G' },
          }),
        )
      ).exitstatus,
    ).toBe('OK');
    expect((await config(vmid)).scsi0).toMatch(/,size=32G$/);

    expectParameterFailure(
      await pve('PUT', `${vmPath(vmid)}/resize`, {
        form: { disk: 'scsi0', size: 'big' },
      }),
      { size: expect.any(String) },
    );
  });
});

describe('Proxmox contract: power and guest agent', () => {
  it('starts a VM; the guest agent answers 500 until it runs, then the address', async () => {
    const vmid = await cloneTemplate('contract-power');
    expect(
      expectData(
        await pve('PUT', `${vmPath(vmid)}/config`, {
          form: { ipconfig0: 'ip=10.0.0.51/24,gw=10.0.0.1' },
        }),
      ),
    ).toBeNull();
    const agentPath = `${vmPath(vmid)}/agent/network-get-interfaces`;
    expectFailure(
      await pve('GET', agentPath),
      500,
      `VM ${vmid} is not running`,
    );
    expect(
      expectData(await pve('GET', `${vmPath(vmid)}/status/current`)),
    ).toMatchObject({ vmid, status: 'stopped' });

    const upid = expectData(await pve('POST', `${vmPath(vmid)}/status/start`));
    expect(upid).toContain(`:qmstart:${vmid}:`);
    const refusals: string[] = [];
    const interfaces: ProxmoxGuestInterface[] = await pollUntil(
      async () => {
        const answer = await pve('GET', agentPath);
        if (answer.status === 200) {
          return expectData(answer).result;
        }
        expectFailure(answer, 500, answer.statusText);
        refusals.push(answer.statusText);
        return undefined;
      },
      { what: 'the guest agent' },
    );
    expect(new Set(refusals)).toEqual(
      new Set([`VM ${vmid} is not running`, 'QEMU guest agent is not running']),
    );
    // Once running, the VM never reads as stopped again.
    expect(refusals.indexOf('QEMU guest agent is not running')).toBeGreaterThan(
      refusals.lastIndexOf(`VM ${vmid} is not running`),
    );
    expect(interfaces.map(i => i.name)).toEqual(['lo', 'eth0']);
    expect(interfaces[1]['ip-addresses']).toContainEqual({
      'ip-address': '10.0.0.51',
      'ip-address-type': 'ipv4',
      prefix: 24,
    });
    expect((await waitForTask(upid)).exitstatus).toBe('OK');

    expect(
      expectData(await pve('GET', `${vmPath(vmid)}/status/current`)),
    ).toMatchObject({
      vmid,
      name: 'contract-power',
      status: 'running',
      qmpstatus: 'running',
      agent: 1,
      uptime: expect.any(Number),
      maxmem: expect.any(Number),
    });

    // Checks that run in the worker fail the task, not the request.
    const again = await runTask(
      await pve('POST', `${vmPath(vmid)}/status/start`),
    );
    expect(again.exitstatus).toBe(`VM ${vmid} already running`);
    const template = await runTask(
      await pve('POST', `${vmPath(TEMPLATE)}/status/start`),
    );
    expect(template.exitstatus).toBe("you can't start a vm if it's a template");

    const shutdown = await runTask(
      await pve('POST', `${vmPath(vmid)}/status/shutdown`, {
        form: { timeout: '30' },
      }),
    );
    expect(shutdown).toMatchObject({ type: 'qmshutdown', exitstatus: 'OK' });
    expect(
      expectData(await pve('GET', `${vmPath(vmid)}/status/current`)).status,
    ).toBe('stopped');
    expectFailure(
      await pve('GET', agentPath),
      500,
      `VM ${vmid} is not running`,
    );

    const started = await runTask(
      await pve('POST', `${vmPath(vmid)}/status/start`),
    );
    expect(started.exitstatus).toBe('OK');
    const stopped = await runTask(
      await pve('POST', `${vmPath(vmid)}/status/stop`),
    );
    expect(stopped).toMatchObject({ type: 'qmstop', exitstatus: 'OK' });
    expect(
      expectData(await pve('GET', `${vmPath(vmid)}/status/current`)).status,
    ).toBe('stopped');
  });
});

describe('Proxmox contract: destroy', () => {
  it('refuses while protected and while running, then destroys with purge and destroy-unreferenced-disks', async () => {
    const vmid = await cloneTemplate('contract-destroy');
    await pve('PUT', `${vmPath(vmid)}/config`, { form: { protection: '1' } });
    expect(
      (await runTask(await pve('POST', `${vmPath(vmid)}/status/start`)))
        .exitstatus,
    ).toBe('OK');
    const destroy = `${vmPath(vmid)}?purge=1&destroy-unreferenced-disks=1`;

    expectFailure(
      await pve('DELETE', destroy),
      500,
      `can't remove VM ${vmid} - protection mode enabled`,
    );
    expect(
      expectData(
        await pve('PUT', `${vmPath(vmid)}/config`, {
          form: { delete: 'protection' },
        }),
      ),
    ).toBeNull();
    expect(await config(vmid)).not.toHaveProperty('protection');
    expectFailure(
      await pve('DELETE', destroy),
      500,
      `VM ${vmid} is running - destroy failed`,
    );
    expectParameterFailure(await pve('DELETE', `${destroy}&skiplock=1`), {
      skiplock: 'Only root may use this option.',
    });

    expect(
      (await runTask(await pve('POST', `${vmPath(vmid)}/status/stop`)))
        .exitstatus,
    ).toBe('OK');
    const destroyed = await runTask(await pve('DELETE', destroy));
    expect(destroyed).toMatchObject({ type: 'qmdestroy', exitstatus: 'OK' });
    expectFailure(
      await pve('GET', `${vmPath(vmid)}/config`),
      500,
      `Configuration file 'nodes/pve1/qemu-server/${vmid}.conf' does not exist`,
    );
    const vms = expectData(await pve('GET', '/cluster/resources?type=vm'));
    expect(vms.map((vm: { vmid: number }) => vm.vmid)).not.toContain(vmid);
  });
});

describe('Proxmox contract: Wombat’s ProxmoxClient', () => {
  let client: ProxmoxClient;
  const keys = [
    SSH_PUBLIC_KEY,
    SSH_PUBLIC_KEY.replace('jdoe@laptop', 'jdoe@desktop'),
  ];
  const timing = { timeoutMs: 5000, pollMs: 5 };
  beforeEach(async () => {
    await sandbox.reset();
    client = ProxmoxClientFactory.fromConfig(
      new ConfigReader(sandbox.appConfig()),
    ).forInstance();
  });

  it('creates, starts and destroys a VM as the scaffolder actions do, without a single violation', async () => {
    const node = client.defaultNode!;
    expect(node).toBe(NODE);
    const vmid = await client.nextId();
    expect(vmid).toBe(100);
    await client.waitForTask(
      node,
      await client.clone(node, TEMPLATE, {
        newid: vmid,
        name: 'contract-client',
        full: true,
        description: 'Created by Wombat',
      }),
      timing,
    );
    await client.setConfig(node, vmid, {
      cores: 2,
      memory: 2048,
      ipconfig0: 'ip=dhcp',
      ciuser: 'ubuntu',
      sshkeys: encodeSshKeysParameter(keys),
      tags: 'wombat;wombat-project.payments',
      agent: 1,
      protection: true,
    });
    const configured = await client.getConfig(node, vmid);
    expect(configured).toMatchObject({
      name: 'contract-client',
      scsi0: `local-lvm:vm-${vmid}-disk-0,size=8G`,
      tags: 'wombat;wombat-project.payments',
      protection: 1,
    });
    expect(decodeURIComponent(String(configured.sshkeys))).toBe(
      keys.join('\n'),
    );

    await client.waitForTask(
      node,
      await client.resize(node, vmid, 'scsi0', '16G'),
      timing,
    );
    expect((await client.getConfig(node, vmid)).scsi0).toMatch(/,size=16G$/);
    await client.waitForTask(node, await client.start(node, vmid), timing);
    const address = await pollUntil(
      async () => {
        const interfaces = await client
          .guestInterfaces(node, vmid)
          .catch(() => undefined);
        return interfaces
          ?.find(i => i.name === 'eth0')
          ?.['ip-addresses']?.find(a => a['ip-address-type'] === 'ipv4')?.[
          'ip-address'
        ];
      },
      { what: 'the guest agent' },
    );
    // The first DHCP lease the sandbox hands out.
    expect(address).toBe('10.0.0.10');
    expect(await client.status(node, vmid)).toMatchObject({
      vmid,
      status: 'running',
    });
    expect(await client.listVms()).toContainEqual(
      expect.objectContaining({
        vmid,
        node,
        name: 'contract-client',
        status: 'running',
        tags: 'wombat;wombat-project.payments',
      }),
    );

    await client.setConfig(node, vmid, { protection: false });
    await client.waitForTask(
      node,
      await client.shutdown(node, vmid, 30),
      timing,
    );
    await client.waitForTask(node, await client.destroy(node, vmid), timing);
    expect((await client.listVms()).map(vm => vm.vmid)).not.toContain(vmid);

    expect(violations()).toEqual([]);
  });

  it('turns Proxmox refusals into Backstage errors carrying the reason', async () => {
    await expect(client.nextId(DEMO_VM)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /failed with 400: Parameter verification failed\. - vmid: VM 101 already exists$/,
      ),
    });
    await expect(
      client.setConfig(NODE, DEMO_VM, { sshkeys: SSH_PUBLIC_KEY }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /sshkeys: invalid format - invalid urlencoded string/,
      ),
    });
    await expect(
      client.clone(NODE, TEMPLATE, { newid: DEMO_VM }),
    ).rejects.toThrow(
      /failed with 500: unable to create VM 101: config file already exists$/,
    );
    await expect(client.destroy(NODE, DEMO_VM)).rejects.toThrow(
      /failed with 500: VM 101 is running - destroy failed$/,
    );
    await expect(
      client.waitForTask(
        NODE,
        await client.resize(NODE, DEMO_VM, 'scsi0', '8G'),
        timing,
      ),
    ).rejects.toThrow(/resize failed: shrinking disks is not supported/);

    const wrongToken = new ProxmoxClient({
      ...sandbox.appConfig().wombat.proxmox.instances[0],
      tokenSecret: 'wrong-secret',
    });
    await expect(wrongToken.nextId()).rejects.toMatchObject({
      name: 'AuthenticationError',
      message: expect.stringMatching(/failed with 401: invalid token value!$/),
    });
  });
});
