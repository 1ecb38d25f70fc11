import { InputError } from '@backstage/errors';
import { EventsService } from '@backstage/plugin-events-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ProjectGuard,
  ProxmoxClientFactory,
  adoptInput,
  checkpointKey,
  instanceInput,
  projectInput,
} from '@wombat/plugin-wombat-node';
import {
  checkAllowedInputs,
  checkAllowedTemplate,
} from '../proxmox/allowedInputs';
import { announceVmChange } from '../proxmox/announceVmChange';
import { findTemplate } from '../proxmox/findVm';
import { planVm } from '../proxmox/planVm';
import { vmOwnerOfProject } from '../proxmox/vmOwner';
import { vmTags } from '../proxmox/vmStamp';
import {
  DEFAULT_TIMINGS,
  VmTimings,
  checkDiskGrowth,
  claimExistingVm,
  cloneVm,
  configureVm,
  growDisk,
  startVm,
  waitForIp,
} from '../proxmox/vmSteps';
import { examples } from './proxmoxVmCreate.examples';

/**
 * Clones a Proxmox template into a VM of a Wombat project with cloud-init,
 * sizes it, stamps it as the project's (in its description from the clone
 * on, then in its tags, with the project's owner), starts it and waits for
 * its address. Users who are not platform admins stay inside the
 * instance's allow-list. With `events`, it then announces the VM on
 * `PROXMOX_VM_EVENTS_TOPIC`, so the catalog lists it at once.
 *
 * @public
 */
export function createProxmoxVmCreateAction(options: {
  proxmox: ProxmoxClientFactory;
  guard: ProjectGuard;
  events?: EventsService;
  timings?: Partial<VmTimings>;
}) {
  const timings = { ...DEFAULT_TIMINGS, ...options.timings };
  return createTemplateAction({
    id: 'proxmox:vm:create',
    description:
      "Clones a Proxmox VE template into a VM of a Wombat project with cloud-init (user, SSH keys, address), CPU, memory and a grown disk, stamps it as the project's (description and tags, with the project's owner and production tag), starts it and can wait for its IP; the catalog then lists it as a Resource of the project. Needs the developer role in the project; users who are not platform admins stay inside the instance's allow-list. Idempotent: a VM of that name that is the project's is used again.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        project: projectInput,
        instance: instanceInput('wombat.proxmox.instances'),
        node: z =>
          z
            .string({
              description: "Node for the VM; default the instance's node",
            })
            .optional(),
        template: z =>
          z.union([z.number(), z.string()], {
            description:
              "The template to clone: VMID or name; non-admins only the instance's allowed templates",
          }),
        name: z => z.string({ description: 'VM name, a DNS-1123 label' }),
        adopt: adoptInput,
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
              {
                description:
                  "The first network interface (virtio); non-admins only the instance's allowed networks. Default: the template's",
              },
            )
            .optional(),
        ipConfig: z =>
          z
            .object(
              {
                dhcp: z.boolean({ description: 'Use DHCP' }).optional(),
                cidr: z
                  .string({
                    description:
                      'Static address, e.g. 10.0.0.10/24 (platform admins only)',
                  })
                  .optional(),
                gateway: z
                  .string({
                    description:
                      'Gateway, e.g. 10.0.0.1 (platform admins only)',
                  })
                  .optional(),
              },
              {
                description:
                  'cloud-init address of the first interface; others than platform admins get DHCP',
              },
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
              description:
                'More Proxmox tags, e.g. database; "wombat…" and "production" are written by Wombat only',
            })
            .optional(),
        pool: z =>
          z
            .string({
              description:
                "Resource pool; non-admins only the instance's allowed pools",
            })
            .optional(),
        protection: z =>
          z
            .boolean({
              description:
                'Protect the VM from removal; protection is never turned off',
            })
            .optional(),
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
      const input = planVm(ctx.input);
      const scope = await options.guard.authorize({
        taskId: ctx.task.id,
        credentials: await ctx.getInitiatorCredentials(),
        project: ctx.input.project,
        act: 'create',
      });
      const adopt = ctx.input.adopt ?? false;
      const proxmox = options.proxmox.forInstance(ctx.input.instance);
      const allowed = checkAllowedInputs(scope, proxmox, input);
      const plan = { ...input, dhcpByDefault: !scope.requester.isAdmin };
      const node = ctx.input.node ?? proxmox.defaultNode;
      if (!node) {
        throw new InputError(
          `node is required: Proxmox instance ${proxmox.name} has no default node`,
        );
      }
      const owner = vmOwnerOfProject(scope.entity, message =>
        ctx.logger.warn(message),
      );
      const tagsFor = (existingTags?: string[]) =>
        vmTags({ scope, owner, callerTags: plan.tags, existingTags });

      const template = await findTemplate(proxmox, ctx.input.template);
      checkAllowedTemplate(allowed, proxmox.name, ctx.input.template, template);
      await checkDiskGrowth(proxmox, template, plan);

      if (ctx.isDryRun) {
        const existing = await claimExistingVm(proxmox, scope, plan, adopt);
        ctx.logger.info(
          existing
            ? `Dry run: VM ${plan.name} exists (VMID ${
                existing.vm.vmid
              }) and would be ${
                existing.verdict === 'adopt' ? 'adopted into' : 'used for'
              } ${scope.ref}`
            : `Dry run: would clone template ${template.vmid} (${template.name}) into VM ${plan.name} of ${scope.ref} on ${node}`,
        );
        ctx.output('vmid', existing?.vm.vmid ?? 0);
        ctx.output('node', existing?.vm.node ?? node);
        ctx.output('created', false);
        return;
      }

      const key = (...parts: string[]) =>
        checkpointKey('proxmox', proxmox.name, plan.name, ...parts);
      const vm = await ctx.checkpoint({
        key: key('clone'),
        fn: () =>
          cloneVm(
            proxmox,
            scope,
            template,
            plan,
            { node, adopt },
            timings,
            ctx.logger,
          ),
      });
      await ctx.checkpoint({
        key: key('config'),
        fn: () => configureVm(proxmox, vm, plan, tagsFor, ctx.logger),
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
