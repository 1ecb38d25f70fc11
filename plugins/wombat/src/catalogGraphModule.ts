import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import {
  ALL_RELATIONS,
  ALL_RELATION_PAIRS,
  DefaultCatalogGraphApi,
  catalogGraphApiRef,
} from '@backstage/plugin-catalog-graph';
import { WOMBAT_RELATION_PAIRS } from '@wombat/plugin-wombat-common';

/**
 * Teaches the catalog graph Wombat's relation types, so that a project's
 * graph shows its members, clusters and parts instead of only its owner.
 *
 * @public
 */
export const catalogGraphModuleWombat = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: catalogGraphApiRef,
          deps: {},
          factory: () =>
            new DefaultCatalogGraphApi({
              knownRelations: [
                ...ALL_RELATIONS,
                ...WOMBAT_RELATION_PAIRS.flat(),
              ],
              knownRelationPairs: [
                ...ALL_RELATION_PAIRS,
                ...WOMBAT_RELATION_PAIRS.map(
                  ([a, b]) => [a, b] as [string, string],
                ),
              ],
              defaultRelationTypes: { exclude: [] },
            }),
        }),
    }),
  ],
});
