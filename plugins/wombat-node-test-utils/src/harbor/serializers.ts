import type {
  HarborMember,
  HarborProject,
  HarborRobot,
  HarborWebhookPolicy,
} from './HarborState';

/** JSON bodies in the shape of the swagger definitions. */

export function projectJson(project: HarborProject) {
  return {
    project_id: project.project_id,
    name: project.name,
    owner_id: project.owner_id,
    owner_name: project.owner_name,
    metadata: project.metadata,
    repo_count: project.repo_count,
    creation_time: project.creation_time,
    update_time: project.update_time,
    togglable: true,
    current_user_role_id: 1,
    current_user_role_ids: [1],
    cve_allowlist: {
      id: 0,
      project_id: project.project_id,
      items: [],
      creation_time: '0001-01-01T00:00:00.000Z',
      update_time: '0001-01-01T00:00:00.000Z',
    },
  };
}

export function memberJson(member: HarborMember) {
  return { ...member };
}

/** A robot as GET lists it: never with its secret. */
export function robotJson(robot: HarborRobot) {
  return {
    id: robot.id,
    name: robot.name,
    description: robot.description,
    level: robot.level,
    duration: robot.duration,
    editable: true,
    disable: robot.disable,
    expires_at: robot.expires_at,
    permissions: robot.permissions,
    creator_type: 'local',
    creator_ref: 1,
    creation_time: robot.creation_time,
    update_time: robot.update_time,
  };
}

export function webhookPolicyJson(policy: HarborWebhookPolicy) {
  return {
    id: policy.id,
    name: policy.name,
    description: policy.description,
    project_id: policy.project_id,
    targets: policy.targets,
    event_types: policy.event_types,
    creator: policy.creator,
    creation_time: policy.creation_time,
    update_time: policy.update_time,
    enabled: policy.enabled,
  };
}
