/** Answers of the coordinator's /api/hooks endpoints (snake_case, as on the wire). */

export interface ThreadRef {
  readonly id: string;
  readonly subject: string;
  readonly status: string;
  readonly initiator_id: string;
  readonly target_files?: readonly string[];
}

export interface SessionAnswer {
  readonly agent_id: string;
  readonly reattached: boolean;
  readonly others: ReadonlyArray<{
    agent_id: string;
    name: string;
    activity: string;
    current_file: string | null;
  }>;
  readonly threads: readonly ThreadRef[];
  readonly unread: number;
  readonly inbox_line: string | null;
}

export interface ConflictAnswer {
  readonly path: string;
  readonly conflict: boolean;
  readonly editors: ReadonlyArray<{ agent_id: string; at: number }>;
  readonly claimants: ReadonlyArray<{ agent_id: string; expires_at: number }>;
  readonly announcers: ReadonlyArray<{ agent_id: string; announcement_id: string; thread_id: string | null }>;
  readonly threads: readonly ThreadRef[];
}

export interface PreEditAnswer extends ConflictAnswer {
  readonly claimed: boolean;
  readonly names: Readonly<Record<string, string>>;
  readonly inbox_line: string | null;
}

export interface PostEditAnswer {
  readonly recorded: number;
  readonly inbox_line: string | null;
}

export interface InboxAnswer {
  readonly items: ReadonlyArray<{
    id: string;
    kind: string;
    thread_id: string | null;
    from_agent_id: string | null;
    summary: string;
  }>;
}

export interface CheckPathsAnswer {
  readonly results: readonly ConflictAnswer[];
  readonly names: Readonly<Record<string, string>>;
}
