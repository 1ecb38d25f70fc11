import type {
  GitLabState,
  HarborState,
  ProxmoxState,
  RancherState,
} from '@wombat/plugin-wombat-node-test-utils';
import type { SandboxSystems } from '../systems/createSystems';
import type { SystemName } from '../systems/SystemName';
import type { Faults, SandboxFault } from './faults';

/**
 * Everything the simulators hold, for assertions and for a person to look
 * at: `GET /_sandbox/state`.
 *
 * @public
 */
export interface SandboxState {
  gitlab: GitLabState;
  harbor: HarborState;
  rancher: RancherState;
  proxmox: ProxmoxState;
  /** Faults not used up yet. */
  faults: Array<SandboxFault & { remaining: number }>;
  /**
   * Requests each simulator received that the real system would refuse as
   * malformed or that break its documented contract.
   */
  violations: Record<SystemName, string[]>;
}

const REDACTED = '<redacted>';

/**
 * A deep copy of the state. Unless `secrets` is set, credentials the real
 * systems never show again (robot secrets, masked variables, Secret data,
 * cloud-init passwords) are replaced by `<redacted>`.
 */
export function snapshotState(
  systems: SandboxSystems,
  faults: Faults,
  options: { secrets: boolean },
): SandboxState {
  const state: SandboxState = JSON.parse(
    JSON.stringify({
      gitlab: systems.gitlab.state,
      harbor: systems.harbor.state,
      rancher: systems.rancher.state,
      proxmox: systems.proxmox.state,
      faults: faults.list(),
      violations: {
        gitlab: systems.gitlab.violations,
        harbor: systems.harbor.violations,
        rancher: systems.rancher.violations,
        proxmox: systems.proxmox.violations,
      },
    }),
  );
  if (!options.secrets) {
    redactSecrets(state);
  }
  return state;
}

function redactSecrets(state: SandboxState) {
  for (const robot of state.harbor.robots) {
    robot.secret = REDACTED;
  }
  for (const project of state.gitlab.projects) {
    for (const variable of project.variables) {
      if (variable.masked || variable.hidden) {
        variable.value = REDACTED;
      }
    }
  }
  for (const cluster of Object.values(state.rancher.kube)) {
    for (const secret of cluster.secrets) {
      for (const field of ['data', 'stringData'] as const) {
        const values = (secret as unknown as Record<string, unknown>)[field];
        if (values && typeof values === 'object') {
          for (const key of Object.keys(values)) {
            (values as Record<string, string>)[key] = REDACTED;
          }
        }
      }
    }
  }
  for (const vm of state.proxmox.vms) {
    if (vm.config.cipassword !== undefined) {
      vm.config.cipassword = REDACTED;
    }
  }
}
