// The Redis clustering packages ship no types; these cover what the embedded broker uses.
declare module "mqemitter-redis" {
  interface MQEmitterRedisOptions {
    connectionString?: string;
    host?: string;
    port?: number;
    db?: number;
    username?: string;
    password?: string;
  }
  interface MQEmitterRedis {
    close(callback: () => void): void;
  }
  function mqemitterRedis(options?: MQEmitterRedisOptions): MQEmitterRedis;
  export default mqemitterRedis;
}

declare module "aedes-persistence-redis/asyncPersistence.js" {
  interface RedisPersistenceOptions {
    host?: string;
    port?: number;
    db?: number;
    username?: string;
    password?: string;
    keyPrefix?: string;
    maxSessionDelivery?: number;
  }
  class AsyncRedisPersistence {
    constructor(options?: RedisPersistenceOptions);
    setup(broker: unknown): Promise<void>;
    createRetainedStreamCombi(patterns: string[]): AsyncIterable<unknown> | NodeJS.ReadableStream;
    createRetainedStream(pattern: string): AsyncIterable<unknown> | NodeJS.ReadableStream;
    destroy(): Promise<void>;
  }
  export default AsyncRedisPersistence;
}
