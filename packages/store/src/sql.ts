import { LIVE_THREAD_STATUSES } from "./ordering.js";

/** A value bound as JSON text: SQLite reads it with json_each, PostgreSQL casts it to jsonb. */
export const json = (value: unknown): string => JSON.stringify(value);

/** LIVE_THREAD_STATUSES as an SQL list, for `status IN ${LIVE}`. */
export const LIVE = `('${LIVE_THREAD_STATUSES.join("','")}')`;
