import { decodeSegment } from '../shared/routing';
import type { HarborContext } from './HarborContext';
import type { HarborProject } from './HarborState';
import { notFound } from './responses';

/**
 * Resolves `{project_name_or_id}` like Harbor's `parseProjectNameOrID`: with
 * `X-Is-Resource-Name: true` it is a name; otherwise an all-digit value is an
 * id and anything else a name. Clients must send the header whenever they
 * pass a name, because all-digit project names are valid.
 */
export function resolveProjectReference(
  context: HarborContext,
  rawReference: string,
): { project?: HarborProject; reference: string } {
  const reference = decodeSegment(rawReference) ?? rawReference;
  const isName =
    context.request.headers.get('x-is-resource-name')?.toLowerCase() === 'true';
  if (!isName && /^\d+$/.test(reference)) {
    return {
      reference,
      project: context.state.projects.find(
        p => p.project_id === Number(reference),
      ),
    };
  }
  if (!isName) {
    context.violation(
      `${context.request.method} ${context.request.apiPath}: project name '${reference}' sent without 'X-Is-Resource-Name: true'`,
    );
  }
  return {
    reference,
    project: context.state.projects.find(p => p.name === reference),
  };
}

/** Runs a project-scoped handler; 404 `project <ref> not found` otherwise. */
export function withHarborProject(
  context: HarborContext,
  rawReference: string,
  handle: (project: HarborProject) => Response,
): Response {
  const { project, reference } = resolveProjectReference(context, rawReference);
  return project ? handle(project) : notFound(`project ${reference} not found`);
}
