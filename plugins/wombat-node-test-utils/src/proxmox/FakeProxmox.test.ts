import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { fakeEd25519PublicKey } from '../testing/sshKeys';
import { createFakeProxmox, type FakeProxmoxOptions } from './FakeProxmox';

const server = setupServer();
registerMswTestHooks(server);

type Call = {
  form?: Record<string, string>;
  json?: Record<string, unknown>;
  authorization?: string | null;
};

function setup(options?: FakeProxmoxOptions) {
  const pve = createFakeProxmox(options);
  server.use(...pve.handlers);

  async function api(method: string, path: string, call: Call = {}) {
    const authorization =
      call.authorization === undefined ? pve.authorization : call.authorization;
    const headers: Record<string, string> =
      authorization === null ? {} : { authorization };
    let body: string | undefined;
    if (call.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(call.form).toString();
    } else if (call.json) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.json);
    }
    const response = await fetch(`${pve.baseUrl}/api2/json${path}`, {
      method,
      headers,
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      statusText: response.statusText,
      body: text ? JSON.parse(text) : undefined,
    };
  }

  async function waitForTask(upid: string) {
    for (;;) {
      const { body } = await api(
        'GET',
        `/nodes/${upid.split(':')[1]}/tasks/${encodeURIComponent(upid)}/status`,
      );
      if (body.data.status === 'stopped') {
        return body.data;
      }
      await new Promise(resolve => setTimeout(resolve, 5));
    }
  }

  async function cloneTemplate(
    newid: number,
    form: Record<string, string> = {},
  ) {
    const cloned = await api('POST', '/nodes/pve1/qemu/9000/clone', {
      form: { newid: String(newid), name: `vm-${newid}`, ...form },
    });
    return waitForTask(cloned.body.data);
  }

  return { pve, api, waitForTask, cloneTemplate };
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('createFakeProxmox', () => {
  describe('authentication and transport', () => {
    it('answers 401 with the reason in the status line and no body when the token is missing or wrong', async () => {
      const { pve, api } = setup();
      const secret = '0b7c2c7e-6f4e-4a8e-9d1a-3f3b8a7c1d2e';
      for (const [authorization, reason] of [
        [null, 'No ticket'],
        [`Bearer ${secret}`, 'No ticket'],
        ['PVEAPIToken=wombat@pve!portal', 'no tokenid specified'],
        ['PVEAPIToken=wombat@pve!portal=wrong', 'invalid token value!'],
        [
          `PVEAPIToken=wombat@pve!other=${secret}`,
          "no such token 'other' for user 'wombat@pve'",
        ],
        [`PVEAPIToken=kim@pve!portal=${secret}`, "no such user ('kim@pve')"],
      ] as const) {
        const refused = await api('GET', '/cluster/nextid', { authorization });
        expect(refused).toEqual({
          status: 401,
          statusText: reason,
          body: undefined,
        });
      }
      expect(pve.violations).toHaveLength(6);
    });

    it('finds the token the way pve-http-server does: after = or a space, URI-unescaped', async () => {
      const { pve, api } = setup();
      const secret = '0b7c2c7e-6f4e-4a8e-9d1a-3f3b8a7c1d2e';
      for (const authorization of [
        `PVEAPIToken wombat@pve!portal=${secret}`,
        `PVEAPIToken=wombat%40pve%21portal=${secret}`,
      ]) {
        const accepted = await api('GET', '/cluster/nextid', { authorization });
        expect(accepted.status).toBe(200);
      }
      expect(pve.violations).toEqual([]);
    });

    it('answers 501 for a method the API does not have', async () => {
      const { pve, api } = setup();
      const refused = await api('GET', '/nodes/pve1/qemu/9000/nonsense');
      expect(refused).toMatchObject({
        status: 501,
        statusText:
          "Method 'GET /nodes/pve1/qemu/9000/nonsense' not implemented",
      });
      expect(pve.violations).toHaveLength(1);
    });

    it('answers 500 for an unknown node', async () => {
      const { pve, api } = setup();
      const refused = await api('GET', '/nodes/pve9/qemu');
      expect(refused.status).toBe(500);
      expect(refused.statusText).toMatch(/^hostname lookup 'pve9' failed/);
      expect(pve.violations).toEqual([]);
    });

    it('fails the next matching request before touching state', async () => {
      const { pve, api } = setup();
      pve.failNext({ method: 'POST', path: /\/clone$/ }, 503);
      const failed = await api('POST', '/nodes/pve1/qemu/9000/clone', {
        form: { newid: '100' },
      });
      expect(failed).toMatchObject({
        status: 503,
        statusText: 'Service Unavailable',
        body: { data: null },
      });
      expect(pve.state.vms.map(vm => vm.vmid)).toEqual([9000]);
    });
  });

  describe('parameter verification', () => {
    it('refuses unknown parameters, wrong types, enums, patterns and formats with 400', async () => {
      const { pve, api } = setup();
      const refused = await api('PUT', '/nodes/pve1/qemu/9000/config', {
        form: {
          cores: 'many',
          onboot: 'true',
          ostype: 'linux',
          name: 'not_a_dns_name',
          tags: 'web;bad tag!',
          cpulimit: '200',
          colour: 'blue',
        },
      });
      expect(refused.status).toBe(400);
      expect(refused.statusText).toBe('Parameter verification failed.');
      expect(refused.body).toEqual({
        data: null,
        message: 'Parameter verification failed.\n',
        errors: {
          cores: "type check ('integer') failed - got 'many'",
          onboot: "type check ('boolean') failed - got 'true'",
          ostype: expect.stringMatching(
            /^value 'linux' does not have a value in the enumeration 'other, wxp/,
          ),
          name: 'invalid format - value does not look like a valid DNS name\n',
          tags: 'invalid format - invalid characters in tag\n',
          cpulimit: 'value must have a maximum value of 128',
          colour:
            'property is not defined in schema and the schema does not allow additional properties',
        },
      });
      expect(pve.violations).toHaveLength(1);
    });

    it('checks path parameters and required parameters', async () => {
      const { api } = setup();
      // The format is checked before the range, as PVE::JSONSchema does.
      expect(
        (await api('GET', '/nodes/pve1/qemu/99/config')).body.errors,
      ).toEqual({
        vmid: 'invalid format - value does not look like a valid VM ID\n',
      });
      expect(
        (await api('GET', '/cluster/nextid?vmid=1000000000')).body.errors,
      ).toEqual({
        vmid: 'invalid format - value does not look like a valid VM ID\n',
      });
      expect(
        (await api('GET', '/nodes/pve1/qemu/abc/config')).body.errors,
      ).toEqual({
        vmid: "type check ('integer') failed - got 'abc'",
      });
      expect(
        (await api('POST', '/nodes/pve1/qemu/9000/clone', { form: {} })).body
          .errors,
      ).toEqual({
        newid: 'property is missing and it is not optional',
      });
    });

    it('checks property strings such as net0 and memory against their sub-schemas', async () => {
      const { api } = setup();
      const refused = await api('PUT', '/nodes/pve1/qemu/9000/config', {
        form: {
          net0: 'virtio,bridge=vmbr0,speed=10',
          memory: '2G',
          ipconfig0: 'ip=10.0.0.5,gw=10.0.0.1',
        },
      });
      expect(refused.body.errors).toEqual({
        net0: 'invalid format - invalid key in comma-separated list property: speed\n',
        memory:
          "invalid format - format error\nmemory.current: type check ('integer') failed - got '2G'\n",
        // A nested format error ends with its own newline, so PVE::Exception
        // prints an empty line after it.
        ipconfig0:
          'invalid format - format error\nipconfig0.ip: invalid format - value does not look like a valid ipv4 network configuration\n\n',
      });
    });

    it('accepts JSON bodies with numbers and booleans', async () => {
      const { pve, api } = setup();
      const changed = await api('PUT', '/nodes/pve1/qemu/9000/config', {
        json: { cores: 4, onboot: true, protection: false },
      });
      expect(changed).toMatchObject({ status: 200, body: { data: null } });
      expect(pve.state.vms[0].config).toMatchObject({
        cores: '4',
        onboot: '1',
        protection: '0',
      });
      expect(pve.violations).toEqual([]);
    });
  });

  describe('sshkeys', () => {
    const key = fakeEd25519PublicKey(7, 'jdoe@laptop');

    it('accepts percent-encoded keys in a form body, stores them decoded and returns them encoded', async () => {
      const { pve, api } = setup();
      const keys = `${key}\n${fakeEd25519PublicKey(8)}`;
      const changed = await api('PUT', '/nodes/pve1/qemu/9000/config', {
        form: { sshkeys: encodeURIComponent(keys) },
      });
      expect(changed.status).toBe(200);
      expect(pve.state.vms[0].config.sshkeys).toBe(keys);
      const config = await api('GET', '/nodes/pve1/qemu/9000/config');
      expect(config.body.data.sshkeys).toBe(encodeURIComponent(keys));
      expect(pve.violations).toEqual([]);
    });

    it('refuses a raw OpenSSH key with 400 invalid urlencoded string', async () => {
      const { pve, api } = setup();
      const refused = await api('PUT', '/nodes/pve1/qemu/9000/config', {
        form: { sshkeys: key },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors.sshkeys).toMatch(
        /^invalid format - invalid urlencoded string: ssh-ed25519 /,
      );
      const asJson = await api('PUT', '/nodes/pve1/qemu/9000/config', {
        json: { sshkeys: key },
      });
      expect(asJson.status).toBe(400);
      expect(pve.state.vms[0].config.sshkeys).toBeUndefined();
      expect(pve.violations).toHaveLength(2);
    });

    it('refuses keys encoded with + for spaces', async () => {
      const { api } = setup();
      const plus = encodeURIComponent(key).replace(/%20/g, '+');
      const refused = await api('PUT', '/nodes/pve1/qemu/9000/config', {
        json: { sshkeys: plus },
      });
      expect(refused.body.errors.sshkeys).toMatch(/invalid urlencoded string/);
    });

    it('refuses text that is not an SSH key with 500', async () => {
      const { api } = setup();
      const refused = await api('PUT', '/nodes/pve1/qemu/9000/config', {
        form: { sshkeys: encodeURIComponent('not a key') },
      });
      expect(refused).toMatchObject({
        status: 500,
        statusText: 'SSH public key validation error',
      });
    });
  });

  describe('cluster', () => {
    it('answers the next free VMID as a string, and checks a given one', async () => {
      const { pve, api } = setup({
        vms: [
          { vmid: 100, name: 'a' },
          { vmid: 101, name: 'b' },
          { vmid: 9000, name: 'tpl', template: true },
        ],
      });
      expect((await api('GET', '/cluster/nextid')).body).toEqual({
        data: '102',
      });
      expect((await api('GET', '/cluster/nextid?vmid=150')).body).toEqual({
        data: '150',
      });
      const taken = await api('GET', '/cluster/nextid?vmid=101');
      expect(taken).toMatchObject({
        status: 400,
        body: { errors: { vmid: 'VM 101 already exists' } },
      });
      expect(pve.violations).toEqual([]);
    });

    it('lists VMs in cluster resources and on the node', async () => {
      const { api } = setup({
        nodes: ['pve1', 'pve2'],
        vms: [
          { vmid: 9000, name: 'tpl', template: true },
          {
            vmid: 101,
            node: 'pve2',
            name: 'web',
            tags: ['team-a', 'prod'],
            status: 'running',
          },
        ],
      });
      const resources = await api('GET', '/cluster/resources?type=vm');
      expect(resources.body.data).toEqual([
        expect.objectContaining({
          id: 'qemu/9000',
          type: 'qemu',
          vmid: 9000,
          name: 'tpl',
          node: 'pve1',
          status: 'stopped',
          template: 1,
        }),
        expect.objectContaining({
          id: 'qemu/101',
          vmid: 101,
          node: 'pve2',
          status: 'running',
          template: 0,
          tags: 'team-a;prod',
        }),
      ]);
      const onNode = await api('GET', '/nodes/pve2/qemu');
      expect(onNode.body.data).toEqual([
        expect.objectContaining({
          vmid: 101,
          name: 'web',
          status: 'running',
          tags: 'team-a;prod',
        }),
      ]);
      expect(onNode.body.data[0].template).toBeUndefined();
      expect((await api('GET', '/cluster/resources?type=bogus')).status).toBe(
        400,
      );
    });
  });

  describe('clone and tasks', () => {
    it('clones the template as a linked clone through a task', async () => {
      const { pve, api, waitForTask } = setup();
      const cloned = await api('POST', '/nodes/pve1/qemu/9000/clone', {
        form: {
          newid: '101',
          name: 'payments-web',
          description: 'made by wombat',
        },
      });
      const upid: string = cloned.body.data;
      expect(upid).toMatch(
        /^UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:qmclone:9000:wombat@pve!portal:$/,
      );
      const locked = pve.state.vms.find(vm => vm.vmid === 101)!;
      expect(locked.config).toEqual({ lock: 'clone' });
      expect(
        (await api('GET', '/nodes/pve1/qemu/101/status/current')).body.data
          .lock,
      ).toBe('clone');
      const running = await api(
        'GET',
        `/nodes/pve1/tasks/${encodeURIComponent(upid)}/status`,
      );
      expect(running.body.data).toMatchObject({
        status: 'running',
        type: 'qmclone',
        id: '9000',
        node: 'pve1',
        upid,
        // The UPID's wombat@pve!portal, split as Proxmox reports a token's task.
        user: 'wombat@pve',
        tokenid: 'portal',
      });
      expect(running.body.data.exitstatus).toBeUndefined();

      expect(await waitForTask(upid)).toMatchObject({
        status: 'stopped',
        exitstatus: 'OK',
      });
      const config = (await api('GET', '/nodes/pve1/qemu/101/config')).body
        .data;
      expect(config).toMatchObject({
        name: 'payments-web',
        description: 'made by wombat',
        cores: 2,
        memory: '2048',
        agent: '1',
        scsi0: 'local-lvm:base-9000-disk-0/vm-101-disk-0,size=8G',
      });
      expect(config.lock).toBeUndefined();
      expect(config.template).toBeUndefined();
      expect(config.net0).toMatch(
        /^virtio=BC:24:11:[0-9A-F:]{8},bridge=vmbr0$/,
      );
      expect(config.net0).not.toBe('virtio=BC:24:11:00:00:01,bridge=vmbr0');
      expect(config.digest).toMatch(/^[0-9a-f]{40}$/);
      expect(pve.violations).toEqual([]);
    });

    it("keeps the description it is given, and the template's otherwise", async () => {
      const { pve, api, cloneTemplate } = setup({
        vms: [
          {
            vmid: 9000,
            name: 'ubuntu-24.04-cloud',
            template: true,
            tags: ['cloud-init'],
            config: {
              cores: 2,
              scsi0: 'local-lvm:base-9000-disk-0,size=8G',
              description: 'Ubuntu 24.04 with cloud-init',
            },
          },
        ],
      });
      await cloneTemplate(101, {
        description:
          'Created by Wombat for project:default/payments (wombat-project.default.payments)',
      });
      await cloneTemplate(102);
      const configOf = async (vmid: number) =>
        (await api('GET', `/nodes/pve1/qemu/${vmid}/config`)).body.data;
      expect(await configOf(101)).toMatchObject({
        description:
          'Created by Wombat for project:default/payments (wombat-project.default.payments)',
        tags: 'cloud-init',
      });
      expect((await configOf(102)).description).toBe(
        'Ubuntu 24.04 with cloud-init',
      );
      expect(pve.violations).toEqual([]);
    });

    it('makes a full clone on another storage', async () => {
      const { api, waitForTask } = setup();
      const cloned = await api('POST', '/nodes/pve1/qemu/9000/clone', {
        form: { newid: '101', full: '1', storage: 'local-lvm' },
      });
      await waitForTask(cloned.body.data);
      const config = (await api('GET', '/nodes/pve1/qemu/101/config')).body
        .data;
      expect(config).toMatchObject({
        name: 'Copy-of-VM-ubuntu-24.04-cloud',
        scsi0: 'local-lvm:vm-101-disk-0,size=8G',
      });
    });

    it('answers 500 when the new id is taken, as a concurrent clone sees it', async () => {
      const { pve, api } = setup();
      const first = await api('POST', '/nodes/pve1/qemu/9000/clone', {
        form: { newid: '101' },
      });
      expect(first.status).toBe(200);
      const second = await api('POST', '/nodes/pve1/qemu/9000/clone', {
        form: { newid: '101' },
      });
      expect(second).toMatchObject({
        status: 500,
        statusText: 'unable to create VM 101: config file already exists',
      });
      expect(pve.violations).toEqual([]);
    });

    it('answers 500 for a missing source and refuses storage on linked clones', async () => {
      const { pve, api } = setup();
      const missing = await api('POST', '/nodes/pve1/qemu/8000/clone', {
        form: { newid: '101' },
      });
      expect(missing).toMatchObject({
        status: 500,
        statusText:
          "Configuration file 'nodes/pve1/qemu-server/8000.conf' does not exist",
        body: {
          data: null,
          message:
            "Configuration file 'nodes/pve1/qemu-server/8000.conf' does not exist\n",
        },
      });
      expect(missing.body.errors).toBeUndefined();
      const linked = await api('POST', '/nodes/pve1/qemu/9000/clone', {
        form: { newid: '101', storage: 'local-lvm' },
      });
      expect(linked.statusText).toBe(
        "parameter 'storage' not allowed for linked clones",
      );
      expect(pve.state.vms).toHaveLength(1);
    });

    it('fails a clone task scheduled to fail and removes the half-made VM', async () => {
      const { pve, api, waitForTask } = setup();
      pve.failNextTask('qmclone', 'clone failed: storage full');
      const cloned = await api('POST', '/nodes/pve1/qemu/9000/clone', {
        form: { newid: '101' },
      });
      expect(pve.state.vms.map(vm => vm.vmid)).toContain(101);
      expect(await waitForTask(cloned.body.data)).toMatchObject({
        status: 'stopped',
        exitstatus: 'clone failed: storage full',
      });
      expect(pve.state.vms.map(vm => vm.vmid)).toEqual([9000]);
      const again = await api('POST', '/nodes/pve1/qemu/9000/clone', {
        form: { newid: '101' },
      });
      expect(await waitForTask(again.body.data)).toMatchObject({
        exitstatus: 'OK',
      });
    });

    it('flags an UPID that is not URL-encoded in the path, and refuses unknown UPIDs', async () => {
      const { pve, api } = setup();
      const cloned = await api('POST', '/nodes/pve1/qemu/9000/clone', {
        form: { newid: '101' },
      });
      const raw = await api(
        'GET',
        `/nodes/pve1/tasks/${cloned.body.data}/status`,
      );
      expect(raw.status).toBe(200);
      expect(pve.violations).toEqual([
        expect.stringContaining('the UPID must be URL-encoded'),
      ]);
      const unknown = await api(
        'GET',
        `/nodes/pve1/tasks/${encodeURIComponent(
          cloned.body.data.replace('qmclone', 'qmstart'),
        )}/status`,
      );
      expect(unknown.body.errors).toEqual({ upid: 'no such task' });
    });
  });

  describe('config changes', () => {
    it('applies PUT at once, including delete, tags and protection', async () => {
      const { pve, api, cloneTemplate } = setup();
      await cloneTemplate(101);
      const put = await api('PUT', '/nodes/pve1/qemu/101/config', {
        form: {
          cores: '4',
          tags: 'team-a;prod',
          protection: '1',
          ipconfig0: 'ip=10.20.0.5/24,gw=10.20.0.1',
          net1: 'virtio,bridge=vmbr1',
          delete: 'agent,description',
        },
      });
      expect(put.body).toEqual({ data: null });
      const config = (await api('GET', '/nodes/pve1/qemu/101/config')).body
        .data;
      expect(config).toMatchObject({
        cores: 4,
        tags: 'team-a;prod',
        protection: 1,
        ipconfig0: 'ip=10.20.0.5/24,gw=10.20.0.1',
      });
      expect(config.agent).toBeUndefined();
      expect(config.net1).toMatch(
        /^virtio=BC:24:11:[0-9A-F:]{8},bridge=vmbr1$/,
      );
      expect(pve.state.vms.find(vm => vm.vmid === 101)!.tags).toEqual([
        'team-a',
        'prod',
      ]);
      expect(pve.violations).toEqual([]);
    });

    it('applies POST when its task ends', async () => {
      const { api, waitForTask, cloneTemplate } = setup();
      await cloneTemplate(101);
      const post = await api('POST', '/nodes/pve1/qemu/101/config', {
        form: { memory: '4096' },
      });
      expect(post.body.data).toMatch(/:qmconfig:101:/);
      expect(
        (await api('GET', '/nodes/pve1/qemu/101/config')).body.data.memory,
      ).toBe('2048');
      await waitForTask(post.body.data);
      expect(
        (await api('GET', '/nodes/pve1/qemu/101/config')).body.data.memory,
      ).toBe('4096');
    });

    it('refuses changes to a locked VM, a stale digest, and deleting and setting one option', async () => {
      const { api, waitForTask } = setup();
      const cloned = await api('POST', '/nodes/pve1/qemu/9000/clone', {
        form: { newid: '101' },
      });
      const locked = await api('PUT', '/nodes/pve1/qemu/101/config', {
        form: { cores: '4' },
      });
      expect(locked).toMatchObject({
        status: 500,
        statusText: 'VM is locked (clone)',
      });
      await waitForTask(cloned.body.data);
      const stale = await api('PUT', '/nodes/pve1/qemu/101/config', {
        form: { cores: '4', digest: '0'.repeat(40) },
      });
      expect(stale.statusText).toBe(
        'checksum mismatch (file change by other user?)',
      );
      const both = await api('PUT', '/nodes/pve1/qemu/101/config', {
        form: { cores: '4', delete: 'cores' },
      });
      expect(both.body.errors).toEqual({
        delete: "you can't use '-cores' and -delete cores' at the same time",
      });
      const missing = await api('PUT', '/nodes/pve1/qemu/555/config', {
        form: { cores: '4' },
      });
      expect(missing.statusText).toBe(
        "Configuration file 'nodes/pve1/qemu-server/555.conf' does not exist",
      );
    });
  });

  describe('resize', () => {
    it('grows a disk by a relative or absolute size through a task', async () => {
      const { api, waitForTask, cloneTemplate } = setup();
      await cloneTemplate(101);
      const grown = await api('PUT', '/nodes/pve1/qemu/101/resize', {
        form: { disk: 'scsi0', size: '+4G' },
      });
      expect(await waitForTask(grown.body.data)).toMatchObject({
        type: 'resize',
        exitstatus: 'OK',
      });
      expect(
        (await api('GET', '/nodes/pve1/qemu/101/config')).body.data.scsi0,
      ).toBe('local-lvm:base-9000-disk-0/vm-101-disk-0,size=12G');
      const absolute = await api('PUT', '/nodes/pve1/qemu/101/resize', {
        form: { disk: 'scsi0', size: '32G' },
      });
      await waitForTask(absolute.body.data);
      expect(
        (await api('GET', '/nodes/pve1/qemu/101/config')).body.data.scsi0,
      ).toMatch(/size=32G$/);
    });

    it('fails the task when asked to shrink, and refuses a malformed size with 400', async () => {
      const { api, waitForTask, cloneTemplate } = setup();
      await cloneTemplate(101);
      const shrink = await api('PUT', '/nodes/pve1/qemu/101/resize', {
        form: { disk: 'scsi0', size: '4G' },
      });
      expect(shrink.status).toBe(200);
      expect(await waitForTask(shrink.body.data)).toMatchObject({
        exitstatus: 'shrinking disks is not supported',
      });
      expect(
        (await api('GET', '/nodes/pve1/qemu/101/config')).body.data.scsi0,
      ).toMatch(/size=8G$/);
      const malformed = await api('PUT', '/nodes/pve1/qemu/101/resize', {
        form: { disk: 'scsi0', size: '10GB' },
      });
      expect(malformed.body.errors).toEqual({
        size: 'value does not match the regex pattern',
      });
    });
  });

  describe('power and guest agent', () => {
    it('starts a VM, reports its status, and shows the DHCP address once the agent runs', async () => {
      const { pve, api, waitForTask, cloneTemplate } = setup({
        agentReadyMs: 40,
      });
      await cloneTemplate(101);
      const started = await api('POST', '/nodes/pve1/qemu/101/status/start');
      expect(started.body.data).toMatch(/:qmstart:101:/);
      expect(
        (await api('GET', '/nodes/pve1/qemu/101/status/current')).body.data
          .status,
      ).toBe('stopped');
      await waitForTask(started.body.data);
      const status = (await api('GET', '/nodes/pve1/qemu/101/status/current'))
        .body.data;
      expect(status).toMatchObject({
        vmid: 101,
        name: 'vm-101',
        status: 'running',
        qmpstatus: 'running',
        agent: 1,
      });

      const early = await api(
        'GET',
        '/nodes/pve1/qemu/101/agent/network-get-interfaces',
      );
      expect(early).toMatchObject({
        status: 500,
        statusText: 'QEMU guest agent is not running',
      });
      await sleep(50);
      const ready = await api(
        'GET',
        '/nodes/pve1/qemu/101/agent/network-get-interfaces',
      );
      const eth0 = ready.body.data.result.find((i: any) => i.name === 'eth0');
      expect(eth0['ip-addresses']).toEqual([
        { 'ip-address': '10.0.0.10', 'ip-address-type': 'ipv4', prefix: 24 },
        expect.objectContaining({
          'ip-address-type': 'ipv6',
          'ip-address': expect.stringMatching(/^fe80::/),
        }),
      ]);
      expect(eth0['hardware-address']).toBe(
        pve.state.vms
          .find(vm => vm.vmid === 101)!
          .config.net0.slice(7, 24)
          .toLowerCase(),
      );
      expect(ready.body.data.result[0]).toMatchObject({ name: 'lo' });
      expect(pve.violations).toEqual([]);
    });

    it('uses the static address of ipconfig0', async () => {
      const { api, waitForTask, cloneTemplate } = setup({ agentReadyMs: 0 });
      await cloneTemplate(101);
      await api('PUT', '/nodes/pve1/qemu/101/config', {
        form: { ipconfig0: 'ip=192.168.7.20/23,gw=192.168.6.1' },
      });
      await waitForTask(
        (
          await api('POST', '/nodes/pve1/qemu/101/status/start')
        ).body.data,
      );
      const result = (
        await api('GET', '/nodes/pve1/qemu/101/agent/network-get-interfaces')
      ).body.data.result;
      expect(result[1]['ip-addresses'][0]).toEqual({
        'ip-address': '192.168.7.20',
        'ip-address-type': 'ipv4',
        prefix: 23,
      });
    });

    it('answers the agent errors of a stopped VM and of a VM without agent', async () => {
      const { api, waitForTask, cloneTemplate } = setup();
      await cloneTemplate(101);
      const stopped = await api(
        'GET',
        '/nodes/pve1/qemu/101/agent/network-get-interfaces',
      );
      expect(stopped.statusText).toBe('VM 101 is not running');
      await api('PUT', '/nodes/pve1/qemu/101/config', {
        form: { delete: 'agent' },
      });
      await waitForTask(
        (
          await api('POST', '/nodes/pve1/qemu/101/status/start')
        ).body.data,
      );
      const noAgent = await api(
        'GET',
        '/nodes/pve1/qemu/101/agent/network-get-interfaces',
      );
      expect(noAgent.statusText).toBe('No QEMU guest agent configured');
    });

    it('fails start tasks for a template, a running VM and when scheduled, and stops with shutdown', async () => {
      const { pve, api, waitForTask, cloneTemplate } = setup();
      expect(
        await waitForTask(
          (
            await api('POST', '/nodes/pve1/qemu/9000/status/start')
          ).body.data,
        ),
      ).toMatchObject({
        exitstatus: "you can't start a vm if it's a template",
      });
      await cloneTemplate(101);
      pve.failNextTask('qmstart', 'start failed: QEMU exited with code 1');
      expect(
        await waitForTask(
          (
            await api('POST', '/nodes/pve1/qemu/101/status/start')
          ).body.data,
        ),
      ).toMatchObject({
        exitstatus: 'start failed: QEMU exited with code 1',
      });
      expect(pve.state.vms.find(vm => vm.vmid === 101)!.status).toBe('stopped');
      await waitForTask(
        (
          await api('POST', '/nodes/pve1/qemu/101/status/start')
        ).body.data,
      );
      expect(
        await waitForTask(
          (
            await api('POST', '/nodes/pve1/qemu/101/status/start')
          ).body.data,
        ),
      ).toMatchObject({
        exitstatus: 'VM 101 already running',
      });
      const shutdown = await api(
        'POST',
        '/nodes/pve1/qemu/101/status/shutdown',
        { form: { timeout: '60', forceStop: '1' } },
      );
      expect(await waitForTask(shutdown.body.data)).toMatchObject({
        type: 'qmshutdown',
        exitstatus: 'OK',
      });
      expect(pve.state.vms.find(vm => vm.vmid === 101)!.status).toBe('stopped');
    });

    it('refuses root-only options such as skiplock', async () => {
      const { pve, api } = setup();
      const refused = await api('POST', '/nodes/pve1/qemu/9000/status/stop', {
        form: { skiplock: '1' },
      });
      expect(refused.body.errors).toEqual({
        skiplock: 'Only root may use this option.',
      });
      expect(pve.violations).toHaveLength(1);
    });
  });

  describe('destroy', () => {
    it('refuses a protected VM and a running VM with 500, then destroys a stopped one', async () => {
      const { pve, api, waitForTask, cloneTemplate } = setup();
      await cloneTemplate(101);
      await api('PUT', '/nodes/pve1/qemu/101/config', {
        form: { protection: '1' },
      });
      const protectedVm = await api(
        'DELETE',
        '/nodes/pve1/qemu/101?purge=1&destroy-unreferenced-disks=1',
      );
      expect(protectedVm).toMatchObject({
        status: 500,
        statusText: "can't remove VM 101 - protection mode enabled",
      });
      await api('PUT', '/nodes/pve1/qemu/101/config', {
        form: { delete: 'protection' },
      });
      await waitForTask(
        (
          await api('POST', '/nodes/pve1/qemu/101/status/start')
        ).body.data,
      );
      const running = await api('DELETE', '/nodes/pve1/qemu/101');
      expect(running.statusText).toBe('VM 101 is running - destroy failed');
      await waitForTask(
        (
          await api('POST', '/nodes/pve1/qemu/101/status/stop')
        ).body.data,
      );
      const destroyed = await api('DELETE', '/nodes/pve1/qemu/101?purge=1');
      expect(pve.state.vms.map(vm => vm.vmid)).toContain(101);
      expect(await waitForTask(destroyed.body.data)).toMatchObject({
        type: 'qmdestroy',
        exitstatus: 'OK',
      });
      expect(pve.state.vms.map(vm => vm.vmid)).toEqual([9000]);
      expect((await api('GET', '/nodes/pve1/qemu/101/config')).status).toBe(
        500,
      );
      expect(pve.violations).toEqual([]);
    });

    it('keeps the VM when the destroy task fails', async () => {
      const { pve, api, waitForTask, cloneTemplate } = setup();
      await cloneTemplate(101);
      pve.failNextTask('qmdestroy', 'lvremove failed');
      const destroyed = await api('DELETE', '/nodes/pve1/qemu/101');
      expect(await waitForTask(destroyed.body.data)).toMatchObject({
        exitstatus: 'lvremove failed',
      });
      expect(pve.state.vms.map(vm => vm.vmid)).toContain(101);
    });
  });
});
