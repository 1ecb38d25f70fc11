import type { Entity } from '@backstage/catalog-model';
import { PROJECT_ROLES, PROJECT_VISIBILITIES } from './constants';

/** A member's role in a project. @public */
export type ProjectRole = (typeof PROJECT_ROLES)[number];

/** @public */
export type ProjectVisibility = (typeof PROJECT_VISIBILITIES)[number];

/** A user or group with a role in a project. @public */
export type ProjectMember = {
  /** Entity reference to a User or Group, with its kind. */
  member: string;
  role: ProjectRole;
};

/** One environment of a project: a namespace on a cluster. @public */
export type ProjectEnvironment = {
  name: string;
  /** Entity reference to a Cluster. */
  cluster: string;
  namespace: string;
};

/** The Project kind. @public */
export interface ProjectEntityV1alpha1 extends Entity {
  apiVersion: 'wombat.dev/v1alpha1';
  kind: 'Project';
  spec: {
    owner: string;
    lifecycle: string;
    visibility?: ProjectVisibility;
    members?: ProjectMember[];
    environments?: ProjectEnvironment[];
  };
}
