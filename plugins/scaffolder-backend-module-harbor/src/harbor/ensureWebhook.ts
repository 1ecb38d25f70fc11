import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { HarborClient, HarborWebhookPolicy } from '@wombat/plugin-wombat-node';

/**
 * Creates the webhook policy, or adopts the project's policy of that name
 * when it sends the same events to the same address in the same format.
 */
export async function ensureWebhook(
  client: HarborClient,
  project: string,
  policy: HarborWebhookPolicy,
  logger: LoggerService,
): Promise<{ id: number; created: boolean }> {
  const existing = (await client.listWebhookPolicies(project)).find(
    p => p.name === policy.name,
  );
  if (existing) {
    const [target] = existing.targets ?? [];
    const [wanted] = policy.targets;
    const events = (list: string[]) => [...list].sort().join(',');
    const same =
      target?.address === wanted.address &&
      events(existing.event_types ?? []) === events(policy.event_types) &&
      (target?.payload_format ?? 'Default') ===
        (wanted.payload_format ?? 'Default');
    if (!same) {
      // What the policy holds (its address may carry a token) stays unsaid.
      throw new ConflictError(
        `Harbor webhook ${policy.name} of project ${project} already exists with other settings; choose another name`,
      );
    }
    return { id: existing.id!, created: false };
  }
  const id = await client.createWebhookPolicy(project, policy);
  logger.info(`Created Harbor webhook ${policy.name} in ${project}`, {
    project,
    instance: client.name,
  });
  return { id, created: true };
}
