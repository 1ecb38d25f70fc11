import type { HarborContext, HarborRoute } from '../HarborContext';
import type { HarborProject, HarborWebhookPolicy } from '../HarborState';
import { nextHarborId } from '../HarborState';
import { harborPage } from '../pagination';
import { withHarborProject } from '../projectReference';
import { badRequest, conflict, createdAt } from '../responses';
import { webhookPolicyJson } from '../serializers';
import { webhookPolicyError } from '../webhookRules';

/** Webhook policies of a project: list and create. */
export const webhookRoutes: HarborRoute[] = [
  {
    method: 'GET',
    pattern: '/projects/:project_name_or_id/webhook/policies',
    handle(context, { project_name_or_id: reference }) {
      return withHarborProject(context, reference, project =>
        harborPage(context, project.webhookPolicies, webhookPolicyJson),
      );
    },
  },
  {
    method: 'POST',
    pattern: '/projects/:project_name_or_id/webhook/policies',
    handle(context, { project_name_or_id: reference }) {
      return withHarborProject(context, reference, project =>
        createPolicy(context, project),
      );
    },
  },
];

function createPolicy(
  context: HarborContext,
  project: HarborProject,
): Response {
  const body = context.body ?? {};
  const error = webhookPolicyError(body);
  if (error) {
    context.violation(`POST webhook/policies: ${error}`);
    return badRequest(error);
  }
  const name: string = body.name ?? '';
  if (project.webhookPolicies.some(policy => policy.name === name)) {
    return conflict(`notification policy named ${name} already exists`);
  }
  const now = new Date().toISOString();
  const policy: HarborWebhookPolicy = {
    id: nextHarborId(context.state, 'webhookPolicy'),
    name,
    description: body.description ?? '',
    project_id: project.project_id,
    // A Go bool left out of the JSON is false: the policy is then disabled.
    enabled: body.enabled ?? false,
    event_types: body.event_types,
    targets: (body.targets as HarborWebhookPolicy['targets']).map(target => ({
      type: target.type,
      address: target.address,
      ...(target.auth_header ? { auth_header: target.auth_header } : {}),
      skip_cert_verify: target.skip_cert_verify ?? false,
      ...(target.type === 'http'
        ? { payload_format: target.payload_format || 'Default' }
        : {}),
    })),
    creator: context.username,
    creation_time: now,
    update_time: now,
  };
  project.webhookPolicies.push(policy);
  return createdAt(
    `${context.request.url.pathname.replace(/\/+$/, '')}/${policy.id}`,
  );
}
