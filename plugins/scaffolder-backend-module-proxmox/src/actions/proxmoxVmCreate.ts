import { InputError } from '@backstage/errors';
import { EventsService } from '@backstage/plugin-events-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ProxmoxClientFactory } from '@wombat/plugin-wombat-node';
import { announceVmChange } from '../proxmox/announceVmChange';
import { findTemplate } from '../proxmox/findVm';
import { planVm } from '../proxmox/planVm';
import {
  DEFAULT_TIMINGS,
  VmTimings,
  checkDiskGrowth,
  cloneVm,
  configureVm,
  findOwnVm,
  growDisk,
  startVm,
  waitForIp,
} from '../proxmox/vmSteps';
import { examples } from './proxmoxVmCreate.examples';

/**
 * Clones a Proxmox template into a VM with cloud-init, sizes it, tags it as
 * Wombat's (and its project's and owner's), starts it and waits for its
 * address. With `events`, it then announces the VM on
 * `PROXMOX_VM_EVENTS_TOPIC`, so the catalog lists it at once.
 *
 * @public
 */
export function createProxmoxVmCreateAction(options: {
  proxmox: ProxmoxClientFactory;
  events?: EventsService;
  timings?: Partial<VmTimings>;
}) {
  const timings = { ...DEFAULT_TIMINGS, ...options.timings };
  return createTemplateAction({
    id: 'proxmox:vm:create',
    description:
      'Clones a Proxmox VE template into a VM with cloud-init (user, SSH keys, IP), CPU, memory and a grown disk, tags it as created by Wombat and with its project and owner, starts it and can wait for its IP; the catalog then lists it as a Resource. Idempotent: a VM of that name that Wombat made for the project is adopted.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        instance: z =>
          z
            .string({
              description: 'wombat.proxmox.instances name; default "default"',
            })
            .optional(),
        node: z =>
          z
            .string({
              description: "Node for the VM; default the instance's node",
            })
            .optional(),
        template: z =>
          z.union([z.number(), z.string()], {
            description: 'The template to clone: VMID or name',
          }),
        name: z => z.string({ description: 'VM name, a DNS-1123 label' }),
        project: z =>
          z
            .string({ description: 'The Wombat project the VM belongs to' })
            .optional(),
        owner: z =>
          z
            .string({
              description:
                'The owner of the VM in the catalog, a Group or User of the default namespace: an entity reference or a group name, e.g. group:default/team-payments; tags the VM wombat-owner.<name> (wombat-owner-user.<name> for a user)',
            })
            .optional(),
        cores: z => z.number({ description: 'CPU cores' }).int().optional(),
        memoryMiB: z =>
          z.number({ description: 'Memory in MiB' }).int().optional(),
        diskGiB: z =>
          z
            .number({ description: 'Boot disk size in GiB; disks only grow' })
            .int()
            .optional(),
        network: z =>
          z
            .object(
              {
                bridge: z
                  .string({ description: 'Bridge; default vmbr0' })
                  .optional(),
                vlan: z.number({ description: 'VLAN tag' }).int().optional(),
              },
              { description: 'The first network interface (virtio)' },
            )
            .optional(),
        ipConfig: z =>
          z
            .object(
              {
                dhcp: z.boolean({ description: 'Use DHCP' }).optional(),
                cidr: z
                  .string({ description: 'Static address, e.g. 10.0.0.10/24' })
                  .optional(),
                gateway: z
                  .string({ description: 'Gateway, e.g. 10.0.0.1' })
                  .optional(),
              },
              { description: 'cloud-init address of the first interface' },
            )
            .optional(),
        ciUser: z => z.string({ description: 'cloud-init user' }).optional(),
        sshKeys: z =>
          z
            .array(z.string(), {
              description: 'OpenSSH public keys for the cloud-init user',
            })
            .optional(),
        tags: z =>
          z
            .array(z.string(), {
              description: 'More Proxmox tags, e.g. production',
            })
            .optional(),
        pool: z => z.string({ description: 'Resource pool' }).optional(),
        protection: z =>
          z.boolean({ description: 'Protect the VM from removal' }).optional(),
        start: z =>
          z.boolean({ description: 'Start the VM; default true' }).optional(),
        waitForIp: z =>
          z
            .boolean({
              description: 'Wait until the guest agent reports an IPv4 address',
            })
            .optional(),
        waitForIpTimeoutSeconds: z =>
          z
            .number({ description: 'How long to wait for the IP; default 300' })
            .int()
            .optional(),
      },
      output: {
        vmid: z =>
          z.number({ description: 'The VMID (0 in a dry run of a new VM)' }),
        node: z => z.string({ description: 'The node the VM is on' }),
        ipAddress: z =>
          z.string({ description: 'The IPv4 address, when known' }).optional(),
        created: z =>
          z.boolean({ description: 'Whether this task created the VM' }),
      },
    },
    async handler(ctx) {
      const plan = planVm(ctx.input);
      const proxmox = options.proxmox.forInstance(ctx.input.instance);
      const node = ctx.input.node ?? proxmox.defaultNode;
      if (!node) {
        throw new InputError(
          `node is required: Proxmox instance ${proxmox.name} has no default node`,
        );
      }
      if (!plan.start && plan.waitForIpMs !== undefined) {
        throw new InputError(
          'waitForIp needs start: a stopped VM reports no address',
        );
      }
      const template = await findTemplate(proxmox, ctx.input.template);
      await checkDiskGrowth(proxmox, template, plan);

      if (ctx.isDryRun) {
        const existing = await findOwnVm(proxmox, plan);
        ctx.logger.info(
          existing
            ? `Dry run: VM ${plan.name} exists (VMID ${existing.vmid}) and would be adopted`
            : `Dry run: would clone template ${template.vmid} (${template.name}) into VM ${plan.name} on ${node}`,
        );
        ctx.output('vmid', existing?.vmid ?? 0);
        ctx.output('node', existing?.node ?? node);
        ctx.output('created', false);
        return;
      }

      const key = (...parts: string[]) =>
        ['wombat.proxmox', proxmox.name, plan.name, ...parts].join(':');
      const vm = await ctx.checkpoint({
        key: key('clone'),
        fn: () => cloneVm(proxmox, template, plan, node, timings, ctx.logger),
      });
      await ctx.checkpoint({
        key: key('config'),
        fn: () => configureVm(proxmox, vm, plan, ctx.logger),
      });
      await ctx.checkpoint({
        key: key('disk'),
        fn: () => growDisk(proxmox, vm, plan, timings, ctx.logger),
      });
      if (plan.start) {
        await ctx.checkpoint({
          key: key('start'),
          fn: () => startVm(proxmox, vm, timings, ctx.logger),
        });
      }
      ctx.output('vmid', vm.vmid);
      ctx.output('node', vm.node);
      if (plan.waitForIpMs !== undefined) {
        const ip = await waitForIp(
          proxmox,
          vm,
          plan.waitForIpMs,
          timings.pollMs,
          ctx.logger,
        );
        ctx.logger.info(`VM ${plan.name} has the address ${ip}`);
        ctx.output('ipAddress', ip);
      }
      ctx.output('created', vm.created);
      await announceVmChange(
        options.events,
        { instance: proxmox.name, vmid: vm.vmid, change: 'created' },
        ctx.logger,
      );
    },
  });
}
