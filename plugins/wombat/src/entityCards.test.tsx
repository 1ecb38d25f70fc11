import { Entity } from '@backstage/catalog-model';
import { renderTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import {
  clusterDetailsEntityCard,
  clusterProjectsEntityCard,
  projectDetailsEntityCard,
  projectEntitiesEntityCard,
  projectEnvironmentsEntityCard,
  projectMembersEntityCard,
} from './entityCards';

const payments: Entity = {
  apiVersion: 'wombat.dev/v1alpha1',
  kind: 'Project',
  metadata: { name: 'payments', namespace: 'default', title: 'Payments' },
  spec: {
    owner: 'group:default/team-payments',
    lifecycle: 'production',
    visibility: 'private',
    members: [
      { member: 'group:default/auditors', role: 'viewer' },
      { member: 'user:default/jdoe', role: 'developer' },
    ],
    environments: [
      {
        name: 'dev',
        cluster: 'cluster:default/dev-eu',
        namespace: 'payments-dev',
      },
      { name: 'prod', cluster: 'prod-eu', namespace: 'payments-prod' },
    ],
  },
  relations: [
    { type: 'projectHasPart', targetRef: 'component:default/payments-api' },
    { type: 'projectHasPart', targetRef: 'resource:default/payments-db' },
  ],
};

const paymentsApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    description: 'Takes payments',
  },
  spec: { type: 'service' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-payments' }],
};

const paymentsVm: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'payments-db', namespace: 'default' },
  spec: { type: 'virtual-machine' },
};

const devEu: Entity = {
  apiVersion: 'wombat.dev/v1alpha1',
  kind: 'Cluster',
  metadata: { name: 'dev-eu', namespace: 'default' },
  spec: {
    owner: 'group:default/platform',
    type: 'rancher',
    environment: 'development',
    rancher: { clusterId: 'c-m-abc12' },
  },
  relations: [
    { type: 'deploymentTargetOf', targetRef: 'project:default/payments' },
  ],
};

function render(options: Parameters<typeof renderTestApp>[0]) {
  return renderTestApp({
    ...options,
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

function rowsOf(table: HTMLElement) {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => row.textContent);
}

describe('Project cards', () => {
  it('shows owner, lifecycle and what private means', async () => {
    render({
      extensions: [
        createTestEntityPage({ entity: payments }),
        projectDetailsEntityCard,
      ],
    });
    expect(await screen.findByText('production')).toBeInTheDocument();
    expect(screen.getByText('private')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Only its members and admins can see it and what belongs to it',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('dev, prod')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /team-payments/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-payments',
    );
  });

  it('lists members by role, the owner first as manager', async () => {
    render({
      extensions: [
        createTestEntityPage({ entity: payments }),
        projectMembersEntityCard,
      ],
    });
    const table = await screen.findByRole('grid');
    expect(rowsOf(table)).toEqual([
      'team-paymentsgroupmanagerowner',
      'jdoeuserdeveloper',
      'auditorsgroupviewer',
    ]);
    expect(within(table).getByRole('link', { name: /jdoe/ })).toHaveAttribute(
      'href',
      '/catalog/default/user/jdoe',
    );
  });

  it('links each environment to its cluster', async () => {
    render({
      extensions: [
        createTestEntityPage({ entity: payments }),
        projectEnvironmentsEntityCard,
      ],
    });
    const table = await screen.findByRole('grid');
    expect(rowsOf(table)).toEqual([
      'devdev-eupayments-dev',
      'prodprod-eupayments-prod',
    ]);
    expect(
      within(table).getByRole('link', { name: /prod-eu/ }),
    ).toHaveAttribute('href', '/catalog/default/cluster/prod-eu');
  });

  it('lists the entities that belong to the project', async () => {
    render({
      extensions: [
        createTestEntityPage({ entity: payments }),
        projectEntitiesEntityCard,
      ],
      apis: [catalogApiMock({ entities: [payments, paymentsApi, paymentsVm] })],
    });
    expect(
      await screen.findByText('Belongs to this project'),
    ).toBeInTheDocument();
    expect(await screen.findByText('Takes payments')).toBeInTheDocument();
    expect(screen.getByText('virtual-machine')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /payments-api/ })).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api',
    );
  });
});

describe('Cluster cards', () => {
  it('shows type, environment, owner and the Rancher coordinates', async () => {
    render({
      extensions: [
        createTestEntityPage({ entity: devEu }),
        clusterDetailsEntityCard,
      ],
    });
    expect(await screen.findByText('rancher')).toBeInTheDocument();
    expect(screen.getByText('development')).toBeInTheDocument();
    expect(screen.getByText('c-m-abc12')).toBeInTheDocument();
    expect(screen.getByText('default')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /platform/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/platform',
    );
  });

  it('lists the projects deployed on it with their namespaces', async () => {
    render({
      extensions: [
        createTestEntityPage({ entity: devEu }),
        clusterProjectsEntityCard,
      ],
      apis: [catalogApiMock({ entities: [payments, devEu] })],
    });
    const table = await screen.findByRole('grid');
    // Only the environment on this cluster, not payments' prod on prod-eu.
    expect(await within(table).findAllByRole('row')).toHaveLength(2);
    expect(rowsOf(table)).toEqual(['Paymentsdevpayments-dev']);
  });
});
