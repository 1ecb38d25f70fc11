import { InputError } from '@backstage/errors';
import { EventsService } from '@backstage/plugin-events-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ProjectGuard,
  ProxmoxClientFactory,
  checkpointKey,
  instanceInput,
  projectInput,
} from '@wombat/plugin-wombat-node';
import { announceVmChange } from '../proxmox/announceVmChange';
import { destroyChecks, enforce } from '../proxmox/destroyChecks';
import { shutDownAndDestroy } from '../proxmox/destroyVm';
import { DEFAULT_TIMINGS, VmTimings } from '../proxmox/vmSteps';
import { examples } from './proxmoxVmDestroy.examples';

/** The longest clean shutdown destroy waits for before it stops the VM. */
const MAX_SHUTDOWN_TIMEOUT_SECONDS = 600;

/**
 * Destroys a VM Wombat created for a project, for a manager of that
 * project, after safety checks that are never bypassed. With `events`, it
 * then announces the change on `PROXMOX_VM_EVENTS_TOPIC`, so the catalog
 * drops the VM at once.
 *
 * @public
 */
export function createProxmoxVmDestroyAction(options: {
  proxmox: ProxmoxClientFactory;
  guard: ProjectGuard;
  events?: EventsService;
  timings?: Partial<VmTimings>;
}) {
  const timings = { ...DEFAULT_TIMINGS, ...options.timings };
  return createTemplateAction({
    id: 'proxmox:vm:destroy',
    description:
      "Shuts down and deletes a VM of a Wombat project (purge, with its unreferenced disks) for a manager of the project, after safety checks: the typed name must match, the VM must carry Wombat's tag and the project's stamp, production VMs need allowProduction (platform admins, or managers of a production project), and a protected VM is refused, never unprotected.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        project: projectInput,
        instance: instanceInput('wombat.proxmox.instances'),
        node: z =>
          z
            .string({
              description: 'The node; found from the VMID when left out',
            })
            .optional(),
        vmid: z => z.number({ description: 'The VMID' }).int(),
        confirmName: z =>
          z.string({
            description: "The VM's name, typed by the user to confirm",
          }),
        allowProduction: z =>
          z
            .boolean({
              description:
                'Allow destroying a VM tagged production; counts only for platform admins and for managers of a project whose lifecycle is production. Default false',
            })
            .optional(),
        shutdownTimeoutSeconds: z =>
          z
            .number({
              description: `How long a clean shutdown may take before the VM is stopped, at most ${MAX_SHUTDOWN_TIMEOUT_SECONDS}; default 120`,
            })
            .int()
            .optional(),
      },
      output: {
        destroyed: z =>
          z.boolean({
            description: 'Whether the VM was destroyed (false in a dry run)',
          }),
      },
    },
    async handler(ctx) {
      const { vmid } = ctx.input;
      if (vmid < 100) {
        throw new InputError(`vmid ${vmid} is not a VMID (they start at 100)`);
      }
      const shutdownTimeoutSeconds = ctx.input.shutdownTimeoutSeconds ?? 120;
      if (
        shutdownTimeoutSeconds < 0 ||
        shutdownTimeoutSeconds > MAX_SHUTDOWN_TIMEOUT_SECONDS
      ) {
        throw new InputError(
          `shutdownTimeoutSeconds ${shutdownTimeoutSeconds} must be from 0 to ${MAX_SHUTDOWN_TIMEOUT_SECONDS}`,
        );
      }
      const scope = await options.guard.authorize({
        taskId: ctx.task.id,
        credentials: await ctx.getInitiatorCredentials(),
        project: ctx.input.project,
        act: 'destroy',
      });
      const proxmox = options.proxmox.forInstance(ctx.input.instance);
      const key = checkpointKey('proxmox', proxmox.name, 'destroy', vmid);

      // Looking the VM up and checking it is part of the checkpoint: once a
      // task destroyed the VM, a retry finds it gone and must not fail.
      const inspect = async () => {
        const found = (await proxmox.listVms()).find(vm => vm.vmid === vmid);
        if (!found) {
          throw new InputError(`Proxmox ${proxmox.name} has no VM ${vmid}`);
        }
        if (ctx.input.node && ctx.input.node !== found.node) {
          throw new InputError(
            `VM ${vmid} is on node ${found.node}, not ${ctx.input.node}`,
          );
        }
        if (found.template === 1) {
          throw new InputError(
            `VM ${vmid} is a template; templates are not destroyed by Wombat`,
          );
        }
        const config = await proxmox.getConfig(found.node, vmid);
        const checks = destroyChecks(vmid, config, {
          scope,
          confirmName: ctx.input.confirmName,
          allowProduction: ctx.input.allowProduction ?? false,
        });
        return { node: found.node, name: String(config.name ?? ''), checks };
      };

      if (ctx.isDryRun) {
        const { node, name, checks } = await inspect();
        for (const check of checks) {
          ctx.logger.info(
            `${check.passed ? 'passes' : 'FAILS'}: ${check.name}${
              check.passed ? '' : ` (${check.problem})`
            }`,
          );
        }
        ctx.logger.info(
          checks.every(c => c.passed)
            ? `Dry run: would shut down and destroy VM ${vmid} (${name}) on ${node}`
            : `Dry run: VM ${vmid} would not be destroyed`,
        );
        ctx.output('destroyed', false);
        return;
      }

      await ctx.checkpoint({
        key,
        fn: async () => {
          const { node, checks } = await inspect();
          enforce(checks);
          await shutDownAndDestroy(
            proxmox,
            { node, vmid },
            shutdownTimeoutSeconds,
            timings,
            ctx.logger,
          );
        },
      });
      ctx.output('destroyed', true);
      await announceVmChange(
        options.events,
        { instance: proxmox.name, vmid, change: 'destroyed' },
        ctx.logger,
      );
    },
  });
}
