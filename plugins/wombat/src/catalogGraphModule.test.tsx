import { useApi } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import { catalogGraphApiRef } from '@backstage/plugin-catalog-graph';
import { screen } from '@testing-library/react';
import { catalogGraphModuleWombat } from './catalogGraphModule';

function KnownRelations() {
  const api = useApi(catalogGraphApiRef);
  return (
    <>
      <p data-testid="known">{api.knownRelations.join(' ')}</p>
      <p data-testid="pairs">
        {api.knownRelationPairs.map(pair => pair.join('/')).join(' ')}
      </p>
      <p data-testid="defaults">{api.defaultRelations.join(' ')}</p>
    </>
  );
}

describe('catalogGraphModuleWombat', () => {
  it('adds the project relations to the graph, keeping the built-in ones', async () => {
    await renderInTestApp(<KnownRelations />, {
      features: [catalogGraphPlugin, catalogGraphModuleWombat],
    });
    const known = await screen.findByTestId('known');
    const pairs = screen.getByTestId('pairs');
    const defaults = screen.getByTestId('defaults');
    for (const relation of [
      'ownedBy',
      'hasProjectMember',
      'deploymentTargetOf',
    ]) {
      expect(known.textContent?.split(' ')).toContain(relation);
      expect(defaults.textContent?.split(' ')).toContain(relation);
    }
    expect(pairs.textContent?.split(' ')).toEqual(
      expect.arrayContaining([
        'ownerOf/ownedBy',
        'hasProjectMember/projectMemberOf',
        'deploysTo/deploymentTargetOf',
        'projectHasPart/partOfProject',
      ]),
    );
  });
});
