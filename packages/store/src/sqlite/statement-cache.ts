import type Database from "better-sqlite3";

type Statement = Database.Statement<unknown[], unknown>;

/** Prepared statements, compiled once per connection and reused by every transaction. */
export class StatementCache {
  private readonly cache = new Map<string, Statement>();
  constructor(private readonly db: Database.Database) {}

  get(sql: string): Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }

  all<R>(sql: string, ...params: unknown[]): R[] {
    return this.get(sql).all(...params) as R[];
  }

  one<R>(sql: string, ...params: unknown[]): R | undefined {
    return this.get(sql).get(...params) as R | undefined;
  }

  run(sql: string, ...params: unknown[]): Database.RunResult {
    return this.get(sql).run(...params);
  }
}
