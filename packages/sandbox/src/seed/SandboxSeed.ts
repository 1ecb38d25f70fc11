import type { ProjectRole } from '@wombat/plugin-wombat-common';

/**
 * What the simulators hold when they start: the people, teams and
 * infrastructure of a demo organisation. `readDemoSeed` builds it from the
 * portal's demo catalog, so the systems and the catalog tell the same story.
 *
 * @public
 */
export interface SandboxSeed {
  users: Array<{ username: string; name: string; email?: string }>;
  /** Teams; `parent` nests a GitLab subgroup. */
  groups: Array<{ name: string; title: string; parent?: string }>;
  /** Downstream clusters of Rancher. */
  clusters: Array<{ id: string; name: string }>;
  projects: Array<{
    name: string;
    title: string;
    description?: string;
    /** The owning team. */
    owner: string;
    visibility: 'internal' | 'private';
    members: Array<{
      kind: 'user' | 'group';
      name: string;
      role: ProjectRole;
    }>;
    /** Namespaces on Rancher clusters. */
    namespaces: Array<{ clusterId: string; name: string }>;
  }>;
  /** Repositories: a GitLab project in the owner's group, with these files committed. */
  repositories: Array<{
    group: string;
    name: string;
    description?: string;
    /** Private for what belongs to a private project. */
    visibility: 'internal' | 'private';
    files: Record<string, string>;
  }>;
  /** Proxmox nodes; the first holds the template. */
  nodes: string[];
  vms: Array<{
    vmid: number;
    node: string;
    name: string;
    tags: string[];
  }>;
}
