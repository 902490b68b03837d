import { Readable } from "node:stream";
import { BrokerError } from "../errors.js";

/** Several coordinator processes share one MQTT space through Redis (pub/sub + persistence). */
export interface RedisClusterOptions {
  /** `redis://[user:password@]host:port[/db]`. */
  readonly url: string;
  /**
   * Prefix for the persistence keys (retained messages, sessions, wills), so several deployments or
   * test runs can share one Redis. Pub/sub channels are the MQTT topics themselves, already org-scoped.
   */
  readonly keyPrefix?: string;
}

export interface ClusterBackends {
  readonly mq: unknown;
  readonly persistence: { setup(broker: unknown): Promise<void>; destroy(): Promise<void> };
}

function connectionOf(url: string) {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname || "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 6379,
    db: Number.isInteger(db) ? db : 0,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
  };
}

/**
 * Loads the Redis emitter and persistence (optional peer dependencies, so single-process installs do
 * not carry ioredis).
 */
export async function createClusterBackends(options: RedisClusterOptions): Promise<ClusterBackends> {
  let mqemitterRedis: typeof import("mqemitter-redis").default;
  let RedisPersistence: typeof import("aedes-persistence-redis/asyncPersistence.js").default;
  try {
    mqemitterRedis = (await import("mqemitter-redis")).default;
    RedisPersistence = (await import("aedes-persistence-redis/asyncPersistence.js")).default;
  } catch (error) {
    throw new BrokerError(
      "CLUSTER_UNAVAILABLE",
      "Redis clustering needs the optional packages mqemitter-redis and aedes-persistence-redis: install them next to @mcp-coordinator/broker.",
      {},
      error,
    );
  }
  // Aedes 1.x pipes the retained-message source (handlers/subscribe.js: `stream.pipe`), but the Redis
  // persistence hands back an async generator: wrap it in a Readable, as aedes-persistence's memory store does.
  class StreamingRedisPersistence extends RedisPersistence {
    override createRetainedStreamCombi(patterns: string[]): Readable {
      return Readable.from(super.createRetainedStreamCombi(patterns));
    }
    override createRetainedStream(pattern: string): Readable {
      return this.createRetainedStreamCombi([pattern]);
    }
  }
  const connection = connectionOf(options.url);
  return {
    mq: mqemitterRedis(connection),
    persistence: new StreamingRedisPersistence({
      ...connection,
      keyPrefix: options.keyPrefix ?? "mcp-coordinator:",
    }),
  };
}
