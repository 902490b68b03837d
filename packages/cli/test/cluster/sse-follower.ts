/**
 * Follows /api/events through the load balancer and reconnects with Last-Event-ID whenever the stream
 * breaks (its instance was killed), as a browser's EventSource does. Records every seq it receives.
 */
export class SseFollower {
  readonly seqs: number[] = [];
  reconnects = 0;
  private stopped = false;
  private abort: AbortController | null = null;
  private readonly done: Promise<void>;

  constructor(private readonly url: string) {
    this.done = this.loop();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.abort = new AbortController();
      const last = this.seqs[this.seqs.length - 1];
      try {
        const res = await fetch(`${this.url}/api/events`, {
          headers: last === undefined ? { "last-event-id": "0" } : { "last-event-id": String(last) },
          signal: this.abort.signal,
        });
        if (!res.ok || !res.body) throw new Error(`status ${res.status}`);
        const decoder = new TextDecoder();
        let buffer = "";
        for await (const chunk of res.body) {
          buffer += decoder.decode(chunk as Uint8Array, { stream: true });
          let end = buffer.indexOf("\n\n");
          while (end >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const id = /^id: ?(\d+)$/m.exec(frame);
            if (id) this.seqs.push(Number(id[1]));
            end = buffer.indexOf("\n\n");
          }
        }
      } catch {
        // The stream broke; reconnect below.
      }
      if (!this.stopped) {
        this.reconnects += 1;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    await this.done;
  }
}
