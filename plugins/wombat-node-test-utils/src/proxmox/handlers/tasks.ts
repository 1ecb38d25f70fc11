import type { ProxmoxRoute } from '../ProxmoxContext';
import { parameterError, proxmoxData } from '../responses';
import { parseUpid } from '../tasks';

/** `GET /nodes/{node}/tasks/{upid}/status`. */
export const taskRoutes: ProxmoxRoute[] = [
  {
    method: 'GET',
    template: '/nodes/{node}/tasks/{upid}/status',
    handle(context) {
      const { upid, node } = context.params;
      if (/[:@]/.test(context.rawPathParams.upid)) {
        context.violation(
          `GET ${context.request.apiPath}: the UPID must be URL-encoded in the path (encodeURIComponent)`,
        );
      }
      if (!parseUpid(upid)) {
        context.violation(
          `GET ${context.request.apiPath}: ${upid} is not a UPID`,
        );
        return parameterError({ upid: 'unable to parse worker upid' });
      }
      const task = context.state.tasks.find(
        candidate => candidate.upid === upid && candidate.node === node,
      );
      if (!task) {
        return parameterError({ upid: 'no such task' });
      }
      return proxmoxData({
        upid: task.upid,
        node: task.node,
        pid: task.pid,
        pstart: task.pstart,
        starttime: task.starttime,
        type: task.type,
        id: task.id,
        // A token's task names the user and the token apart, as
        // PVE::API2::Tasks's convert_token_task splits them.
        ...taskOwner(task.user),
        status: task.status,
        ...(task.exitstatus !== undefined
          ? { exitstatus: task.exitstatus }
          : {}),
      });
    },
  },
];

function taskOwner(user: string): { user: string; tokenid?: string } {
  const token = /^(.+)!([^!]+)$/.exec(user);
  return token ? { user: token[1], tokenid: token[2] } : { user };
}
