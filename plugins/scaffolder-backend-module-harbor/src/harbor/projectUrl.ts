import { HarborClient } from '@wombat/plugin-wombat-node';

/** The project's page in Harbor's web UI. */
export function projectUrl(client: HarborClient, projectId: number) {
  return `${client.url}/harbor/projects/${projectId}/repositories`;
}
