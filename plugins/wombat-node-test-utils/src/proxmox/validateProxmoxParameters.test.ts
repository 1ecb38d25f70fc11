import { validateProxmoxParameters } from './parameters';

describe('validateProxmoxParameters', () => {
  it('accepts valid parameters, including path parameters and indexed names', () => {
    expect(
      validateProxmoxParameters('POST', '/nodes/pve1/qemu/9000/clone', {
        newid: 101,
        name: 'web-1',
        full: true,
      }),
    ).toEqual({});
    expect(
      validateProxmoxParameters('PUT', '/nodes/pve1/qemu/101/config', {
        net0: 'virtio=BC:24:11:AA:BB:CC,bridge=vmbr0,firewall=1',
        scsi1: 'local-lvm:10,iothread=1',
        ipconfig0: 'ip=dhcp',
        tags: 'team-a;Prod',
        sshkeys: encodeURIComponent('ssh-ed25519 AAAA x@y'),
        agent: 'enabled=1,fstrim_cloned_disks=1',
      }),
    ).toEqual({});
  });

  it('reports each problem under its parameter', () => {
    expect(
      validateProxmoxParameters('PUT', '/nodes/bad_node/qemu/101/config', {
        scsi31: 'local-lvm:10',
        net0: 'bridge=vmbr0',
        force: '1',
        sshkeys: 'ssh-ed25519 AAAA x@y',
      }),
    ).toEqual({
      node: 'invalid format - value does not look like a valid node name\n',
      scsi31:
        'property is not defined in schema and the schema does not allow additional properties',
      net0: 'invalid format - format error\nnet0.model: property is missing and it is not optional\n',
      delete: "missing property - 'force' requires this property",
      sshkeys:
        'invalid format - invalid urlencoded string: ssh-ed25519 AAAA x@y\n',
    });
  });

  it('refuses methods the API does not have', () => {
    expect(validateProxmoxParameters('DELETE', '/cluster/nextid')).toEqual({
      _method: 'no method DELETE /cluster/nextid in the Proxmox VE API schema',
    });
  });
});
