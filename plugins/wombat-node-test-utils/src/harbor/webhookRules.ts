/**
 * Checks of handler/webhook.go (`validateEventTypes`, `validateTargets`), in
 * the same order, returning the 400 message Harbor gives.
 */

/** Event types Harbor supports (GET /projects/{p}/webhook/events). */
export const SUPPORTED_EVENT_TYPES = [
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
];

const NOTIFY_TYPES = ['http', 'slack', 'teams'];
const PAYLOAD_FORMATS = ['Default', 'CloudEvents'];

export function webhookPolicyError(policy: {
  name?: string;
  event_types?: string[] | null;
  targets?: Array<{
    type?: string;
    address?: string;
    payload_format?: string;
  }> | null;
}): string | undefined {
  const eventTypes = policy.event_types ?? [];
  if (eventTypes.length === 0) {
    return 'empty event type';
  }
  const unsupported = eventTypes.find(
    type => !SUPPORTED_EVENT_TYPES.includes(type),
  );
  if (unsupported !== undefined) {
    return `unsupported event type ${unsupported}`;
  }
  const targets = policy.targets ?? [];
  if (targets.length === 0) {
    return `empty notification target with policy ${policy.name ?? ''}`;
  }
  for (const target of targets) {
    if (!isUrl(target.address ?? '')) {
      return `invalid endpoint: ${target.address ?? ''}`;
    }
    if (!NOTIFY_TYPES.includes(target.type ?? '')) {
      return `unsupported target type ${target.type ?? ''} with policy ${
        policy.name ?? ''
      }`;
    }
    if (target.payload_format && target.type === 'slack') {
      return 'set payload format is not allowed for slack';
    }
    if (target.payload_format && target.type === 'teams') {
      return 'set payload format is not allowed for teams';
    }
    if (
      target.payload_format &&
      !PAYLOAD_FORMATS.includes(target.payload_format)
    ) {
      return `unsupported payload format type: ${target.payload_format}`;
    }
  }
  return undefined;
}

/** Harbor adds `http://` to a scheme-less address before parsing it. */
function isUrl(address: string): boolean {
  const trimmed = address.trim();
  if (trimmed === '') {
    return false;
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)
    ? trimmed
    : `http://${trimmed}`;
  try {
    return new URL(withScheme).host !== '';
  } catch {
    return false;
  }
}
