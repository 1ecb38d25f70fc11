import { InputError } from '@backstage/errors';
import { ProxmoxClient, ProxmoxClusterVm } from '@wombat/plugin-wombat-node';

/** The template to clone, by VMID or by name. */
export async function findTemplate(
  proxmox: ProxmoxClient,
  template: string | number,
): Promise<ProxmoxClusterVm> {
  const vms = await proxmox.listVms();
  const asId = Number(template);
  const matches = vms.filter(vm =>
    Number.isInteger(asId) && String(template).trim() !== ''
      ? vm.vmid === asId
      : vm.name === template,
  );
  const templates = matches.filter(vm => vm.template === 1);
  if (templates.length === 1) {
    return templates[0];
  }
  if (matches.length > 0 && templates.length === 0) {
    throw new InputError(`template ${template} is a VM, not a template`);
  }
  if (templates.length > 1) {
    throw new InputError(
      `template ${template} names several templates (${templates
        .map(t => `${t.vmid} on ${t.node}`)
        .join(', ')}); give the VMID`,
    );
  }
  throw new InputError(`Proxmox ${proxmox.name} has no template ${template}`);
}

/** The non-template VMs called `name`. */
export async function findVmsNamed(proxmox: ProxmoxClient, name: string) {
  return (await proxmox.listVms()).filter(
    vm => vm.name === name && vm.template !== 1,
  );
}
