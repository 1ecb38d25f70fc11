import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ProjectEntityV1alpha1,
  WOMBAT_API_VERSION,
} from '@wombat/plugin-wombat-common';
import { ProjectDirectory } from './ProjectDirectory';
import { DirectorySource } from './WombatPermissionPolicy';

/**
 * Reads every Project from the catalog into a ProjectDirectory, on a
 * schedule. Decisions use the last directory read, but only while it is
 * fresh: once no read has succeeded for `maxAgeSeconds`, there is no
 * directory and the policy denies, rather than go on granting memberships
 * that may have been removed meanwhile.
 */
export class ProjectDirectoryLoader implements DirectorySource {
  private directory?: ProjectDirectory;
  private readAt = 0;

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly logger: LoggerService,
    private readonly maxAgeSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  current(): ProjectDirectory | undefined {
    if (this.now() - this.readAt > this.maxAgeSeconds * 1000) {
      return undefined;
    }
    return this.directory;
  }

  async refresh(): Promise<void> {
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'Project', apiVersion: WOMBAT_API_VERSION },
        fields: [
          'kind',
          'apiVersion',
          'metadata.name',
          'metadata.namespace',
          'spec',
        ],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    const first = !this.directory;
    this.directory = new ProjectDirectory(items as ProjectEntityV1alpha1[]);
    this.readAt = this.now();
    if (first) {
      this.logger.info(
        `Read ${this.directory.size} projects for the permission policy`,
      );
    }
  }
}
