import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

/*
 * Cards on the overview tab of Project and Cluster entity pages. "info" cards
 * sit in the side column beside the catalog's About card; "content" cards
 * fill the main column.
 */

export const projectDetailsEntityCard = EntityCardBlueprint.make({
  name: 'project-details',
  params: {
    type: 'info',
    filter: { kind: 'project' },
    loader: () =>
      import('./components/ProjectDetailsCard').then(m => (
        <m.ProjectDetailsCard />
      )),
  },
});

export const projectMembersEntityCard = EntityCardBlueprint.make({
  name: 'project-members',
  params: {
    type: 'content',
    filter: { kind: 'project' },
    loader: () =>
      import('./components/ProjectMembersCard').then(m => (
        <m.ProjectMembersCard />
      )),
  },
});

export const projectEnvironmentsEntityCard = EntityCardBlueprint.make({
  name: 'project-environments',
  params: {
    type: 'content',
    filter: { kind: 'project' },
    loader: () =>
      import('./components/ProjectEnvironmentsCard').then(m => (
        <m.ProjectEnvironmentsCard />
      )),
  },
});

export const projectEntitiesEntityCard = EntityCardBlueprint.make({
  name: 'project-entities',
  params: {
    type: 'content',
    filter: { kind: 'project' },
    loader: () =>
      import('./components/ProjectEntitiesCard').then(m => (
        <m.ProjectEntitiesCard />
      )),
  },
});

export const clusterDetailsEntityCard = EntityCardBlueprint.make({
  name: 'cluster-details',
  params: {
    type: 'info',
    filter: { kind: 'cluster' },
    loader: () =>
      import('./components/ClusterDetailsCard').then(m => (
        <m.ClusterDetailsCard />
      )),
  },
});

export const clusterProjectsEntityCard = EntityCardBlueprint.make({
  name: 'cluster-projects',
  params: {
    type: 'content',
    filter: { kind: 'cluster' },
    loader: () =>
      import('./components/ClusterProjectsCard').then(m => (
        <m.ClusterProjectsCard />
      )),
  },
});
