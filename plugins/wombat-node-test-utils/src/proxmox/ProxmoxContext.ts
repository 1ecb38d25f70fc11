import type { IncomingRequest } from '../shared/incomingRequest';
import type { ProxmoxState } from './ProxmoxState';
import type { ProxmoxTasks } from './tasks';

/** What a Proxmox route handler gets for one request. */
export interface ProxmoxContext {
  state: ProxmoxState;
  request: IncomingRequest;
  /** Path, query and body parameters, already checked against the schema. */
  params: Record<string, string>;
  /** Raw (still encoded) path parameters. */
  rawPathParams: Record<string, string>;
  tasks: ProxmoxTasks;
  /** How long after starting the guest agent answers. */
  agentReadyMs: number;
  /** The DHCP lease of a VM: handed out on first use, then kept. */
  dhcpAddress(vmid: number): string;
  violation(message: string): void;
}

/** A route of the fake, keyed by the schema's path template. */
export interface ProxmoxRoute {
  method: string;
  template: string;
  handle(context: ProxmoxContext): Response | Promise<Response>;
}

/** The `{node}` and `{vmid}` of a VM path. */
export function vmParams(context: ProxmoxContext): {
  node: string;
  vmid: number;
} {
  return { node: context.params.node, vmid: Number(context.params.vmid) };
}
