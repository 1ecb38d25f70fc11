/**
 * The resource:action pairs a robot may be granted, per permission kind
 * (Harbor src/common/rbac/const.go, PoliciesMap). Anything else is refused
 * with `bad request permission: <resource>:<action>`.
 */
const PROJECT_POLICIES: Record<string, string[]> = {
  log: ['list'],
  project: ['read', 'delete', 'update'],
  metadata: ['read', 'create', 'delete', 'list', 'update'],
  repository: ['read', 'update', 'delete', 'list', 'pull', 'push'],
  artifact: ['read', 'create', 'list', 'delete'],
  scan: ['create', 'read', 'stop'],
  tag: ['create', 'list', 'delete'],
  accessory: ['list'],
  'artifact-addition': ['read'],
  'artifact-label': ['create', 'delete'],
  scanner: ['create', 'read'],
  'preheat-policy': ['read', 'create', 'delete', 'list', 'update'],
  'immutable-tag': ['create', 'delete', 'list', 'update'],
  'notification-policy': ['read', 'create', 'delete', 'list', 'update'],
  'tag-retention': ['read', 'create', 'delete', 'list', 'update'],
  label: ['read', 'create', 'delete', 'list', 'update'],
  quota: ['read'],
};

const SYSTEM_POLICIES: Record<string, string[]> = {
  'audit-log': ['list'],
  'preheat-instance': ['read', 'create', 'delete', 'list', 'update'],
  project: ['list', 'create'],
  'replication-policy': ['read', 'create', 'delete', 'list', 'update'],
  replication: ['read', 'create', 'list'],
  'replication-adapter': ['list'],
  registry: ['read', 'create', 'delete', 'list', 'update'],
  'scan-all': ['read', 'update', 'stop', 'create'],
  'system-volumes': ['read'],
  'garbage-collection': ['read', 'create', 'list', 'update', 'stop'],
  'purge-audit': ['read', 'create', 'list', 'update', 'stop'],
  'jobservice-monitor': ['list', 'stop'],
  scanner: ['read', 'create', 'delete', 'list', 'update'],
  label: ['read', 'create', 'delete', 'update'],
  'security-hub': ['read', 'list'],
  catalog: ['read'],
  quota: ['read', 'list'],
};

/** Whether a robot permission of this kind may grant resource:action. */
export function isGrantable(
  kind: 'project' | 'system',
  resource: string,
  action: string,
): boolean {
  const policies = kind === 'project' ? PROJECT_POLICIES : SYSTEM_POLICIES;
  return policies[resource]?.includes(action) ?? false;
}
