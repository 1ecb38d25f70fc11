import { AuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Reads entities with the plugin's own credentials, once per task: the
 * steps of one task (a golden path names its project in every step, and an
 * `each` step once per environment) see the catalog as it was when the task
 * first asked, for at most a minute. A new task, or a task recovered later,
 * reads again.
 */
export class TaskEntityReader {
  private readonly byTask = new Map<
    string,
    { at: number; entities: Map<string, Promise<Entity | undefined>> }
  >();

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly now: () => number = Date.now,
    private readonly maxAgeMs = 60_000,
  ) {}

  async read(ref: string, taskId?: string): Promise<Entity | undefined> {
    if (!taskId) {
      return this.fetch(ref);
    }
    const at = this.now();
    let task = this.byTask.get(taskId);
    if (!task || at - task.at > this.maxAgeMs) {
      this.forgetOld(at);
      task = { at, entities: new Map() };
      this.byTask.set(taskId, task);
    }
    let entity = task.entities.get(ref);
    if (!entity) {
      entity = this.fetch(ref);
      task.entities.set(ref, entity);
      // A failed read is not remembered.
      entity.catch(() => task!.entities.delete(ref));
    }
    return entity;
  }

  private async fetch(ref: string): Promise<Entity | undefined> {
    return this.catalog.getEntityByRef(ref, {
      credentials: await this.auth.getOwnServiceCredentials(),
    });
  }

  private forgetOld(at: number) {
    for (const [taskId, task] of this.byTask) {
      if (at - task.at > this.maxAgeMs) this.byTask.delete(taskId);
    }
  }
}
