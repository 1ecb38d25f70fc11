/** Event types a Harbor webhook policy can subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'PUSH_ARTIFACT',
  'PULL_ARTIFACT',
  'DELETE_ARTIFACT',
  'SCANNING_COMPLETED',
  'SCANNING_FAILED',
  'SCANNING_STOPPED',
  'QUOTA_EXCEED',
  'QUOTA_WARNING',
  'REPLICATION',
  'TAG_RETENTION',
] as const;
