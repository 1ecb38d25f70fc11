import { NotFoundError } from '@backstage/errors';
import {
  ApiException,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  V1LimitRange,
  V1Namespace,
  V1ResourceQuota,
  V1Secret,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { errorForStatus } from '../errors';
import { RetryOptions, callWithRetry } from '../retry';

/*
 * @kubernetes/client-node 1.x is an ES module. Backstage's backend is
 * CommonJS: the static import compiles to require(), which Node 22.12 and
 * later load natively (require(esm)), and jest gets it transformed by the
 * Backstage CLI. Version 1.x, not 2.x: 2.x sends its requests through its
 * own copy of undici, which neither proxies nor test servers can see.
 */

/** What Kubernetes said: the message of its Status body, or the raw body. */
function describeApiException(error: ApiException<unknown>): string {
  const body = error.body;
  if (typeof body === 'string') {
    try {
      return JSON.parse(body)?.message ?? body;
    } catch {
      return body || '(no message)';
    }
  }
  return (body as { message?: string } | undefined)?.message ?? '(no message)';
}

function statusOf(error: unknown): number | undefined {
  return error instanceof ApiException ? error.code : undefined;
}

/**
 * The few Kubernetes calls Wombat makes in a cluster, with retries on
 * 429/502/503 and Backstage errors that carry Kubernetes' message.
 *
 * @public
 */
export class RancherKubernetes {
  private readonly core: CoreV1Api;

  constructor(
    private readonly options: {
      server: string;
      token: string;
      /** Names the cluster in error messages. */
      description: string;
      retry?: RetryOptions;
    },
  ) {
    const config = new KubeConfig();
    config.loadFromClusterAndUser(
      {
        name: 'rancher',
        server: options.server,
        // client-node refuses a plain-HTTP server unless this is set, though
        // there is no TLS to verify then; HTTPS servers are always verified.
        skipTLSVerify: options.server.startsWith('http:'),
      },
      { name: 'wombat', token: options.token },
    );
    this.core = config.makeApiClient(CoreV1Api);
  }

  private async call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await callWithRetry(request, statusOf, this.options.retry);
    } catch (error) {
      if (error instanceof ApiException) {
        throw errorForStatus(
          error.code,
          `Kubernetes ${what} in ${this.options.description} failed with ${
            error.code
          }: ${describeApiException(error)}`,
        );
      }
      throw error;
    }
  }

  /** The answer, or undefined for a 404. */
  private async unlessMissing<T>(lookup: Promise<T>): Promise<T | undefined> {
    try {
      return await lookup;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  readNamespace(name: string): Promise<V1Namespace | undefined> {
    return this.unlessMissing(
      this.call(`read namespace ${name}`, () =>
        this.core.readNamespace({ name }),
      ),
    );
  }

  createNamespace(body: V1Namespace): Promise<V1Namespace> {
    return this.call(`create namespace ${body.metadata?.name}`, () =>
      this.core.createNamespace({ body }),
    );
  }

  /**
   * Sets labels and annotations of a namespace as a JSON merge patch: the
   * keys given are set, every other key is kept (a null value removes one).
   */
  patchNamespaceMetadata(
    name: string,
    metadata: {
      labels?: Record<string, string | null>;
      annotations?: Record<string, string | null>;
    },
  ): Promise<V1Namespace> {
    return this.call(`update namespace ${name}`, () =>
      this.core.patchNamespace(
        { name, body: { metadata } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      ),
    );
  }

  readResourceQuota(namespace: string, name: string) {
    return this.unlessMissing(
      this.call(`read resource quota ${namespace}/${name}`, () =>
        this.core.readNamespacedResourceQuota({ namespace, name }),
      ),
    );
  }

  createResourceQuota(namespace: string, body: V1ResourceQuota) {
    return this.call(
      `create resource quota ${namespace}/${body.metadata?.name}`,
      () => this.core.createNamespacedResourceQuota({ namespace, body }),
    );
  }

  readLimitRange(namespace: string, name: string) {
    return this.unlessMissing(
      this.call(`read limit range ${namespace}/${name}`, () =>
        this.core.readNamespacedLimitRange({ namespace, name }),
      ),
    );
  }

  createLimitRange(namespace: string, body: V1LimitRange) {
    return this.call(
      `create limit range ${namespace}/${body.metadata?.name}`,
      () => this.core.createNamespacedLimitRange({ namespace, body }),
    );
  }

  readSecret(namespace: string, name: string) {
    return this.unlessMissing(
      this.call(`read secret ${namespace}/${name}`, () =>
        this.core.readNamespacedSecret({ namespace, name }),
      ),
    );
  }

  createSecret(namespace: string, body: V1Secret) {
    return this.call(`create secret ${namespace}/${body.metadata?.name}`, () =>
      this.core.createNamespacedSecret({ namespace, body }),
    );
  }
}
