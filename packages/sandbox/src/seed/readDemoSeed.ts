import fs from 'fs';
import path from 'path';
import { parseAllDocuments, stringify } from 'yaml';
import { DEMO_VMS } from './demoVms';
import type { SandboxSeed } from './SandboxSeed';

type Entity = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    title?: string;
    description?: string;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, any>;
};

/** The repository root's `catalog-info/`, found from this package's folder. */
export function defaultCatalogDir(): string {
  const packageDir = path.dirname(require.resolve('sandbox/package.json'));
  return path.resolve(packageDir, '../../catalog-info');
}

/**
 * Reads the demo catalog's entities (every YAML file in the folder) and
 * derives what the simulated systems hold: a GitLab user per User and a
 * group per team, a repository with catalog-info.yaml per Component, a
 * Harbor project and Rancher project with namespaces per Project, and the
 * Rancher clusters of the Cluster entities. The Proxmox VMs are the demo's
 * own (`DEMO_VMS`): the catalog reads them from Proxmox.
 */
export function readDemoSeed(catalogDir = defaultCatalogDir()): SandboxSeed {
  const entities = fs
    .readdirSync(catalogDir)
    .filter(file => /\.ya?ml$/.test(file))
    .sort()
    .flatMap(file =>
      parseAllDocuments(
        fs.readFileSync(path.join(catalogDir, file), 'utf8'),
      ).map(doc => doc.toJS() as Entity),
    )
    .filter(entity => entity && entity.kind && entity.metadata?.name);
  const ofKind = (kind: string) => entities.filter(e => e.kind === kind);

  const teams = ofKind('Group').filter(g => g.spec?.type !== 'organization');
  const teamNames = new Set(teams.map(t => t.metadata.name));
  const clusters = ofKind('Cluster').filter(
    c => c.spec?.type === 'rancher' && c.spec.rancher?.clusterId,
  );
  const clusterIdByRef = new Map(
    clusters.map(c => [
      `cluster:default/${c.metadata.name}`,
      c.spec!.rancher.clusterId as string,
    ]),
  );
  const privateProjects = new Set(
    ofKind('Project')
      .filter(p => p.spec?.visibility === 'private')
      .map(p => p.metadata.name),
  );
  return {
    users: ofKind('User').map(u => ({
      username: u.metadata.name,
      name: u.spec?.profile?.displayName ?? u.metadata.name,
      email: u.spec?.profile?.email,
    })),
    groups: teams.map(t => ({
      name: t.metadata.name,
      title: t.metadata.title ?? t.metadata.name,
      ...(teamNames.has(t.spec?.parent) ? { parent: t.spec!.parent } : {}),
    })),
    clusters: clusters.map(c => ({
      id: c.spec!.rancher.clusterId,
      name: c.metadata.name,
    })),
    projects: ofKind('Project').map(p => ({
      name: p.metadata.name,
      title: p.metadata.title ?? p.metadata.name,
      description: p.metadata.description,
      owner: entityName(p.spec!.owner),
      visibility: p.spec!.visibility === 'private' ? 'private' : 'internal',
      members: (p.spec!.members ?? []).map((m: any) => ({
        kind: String(m.member).startsWith('group:') ? 'group' : 'user',
        name: entityName(m.member),
        role: m.role,
      })),
      namespaces: (p.spec!.environments ?? [])
        .filter((env: any) => clusterIdByRef.has(env.cluster))
        .map((env: any) => ({
          clusterId: clusterIdByRef.get(env.cluster)!,
          name: env.namespace,
        })),
    })),
    repositories: ofKind('Component').map(c => ({
      group: groupPath(entityName(c.spec!.owner), teams),
      name: c.metadata.name,
      description: c.metadata.description,
      visibility: privateProjects.has(
        entityName(c.metadata.annotations?.['wombat.dev/project'] ?? ''),
      )
        ? 'private'
        : 'internal',
      files: {
        'README.md': `# ${c.metadata.name}\n\n${
          c.metadata.description ?? ''
        }\n`,
        'catalog-info.yaml': stringify(c),
      },
    })),
    nodes: [...new Set(['pve1', ...DEMO_VMS.map(vm => vm.node)])],
    vms: DEMO_VMS,
  };
}

/** `group:default/team-payments` or `team-payments` → `team-payments`. */
function entityName(ref: string): string {
  return String(ref).split('/').pop()!.split(':').pop()!;
}

/** A team's GitLab group path: nested under its parent team, if any. */
function groupPath(team: string, teams: Entity[]): string {
  const parent = teams.find(t => t.metadata.name === team)?.spec?.parent;
  const isTeam = teams.some(t => t.metadata.name === parent);
  return isTeam ? `${groupPath(parent, teams)}/${team}` : team;
}
