/**
 * Sends the parts of a split reply in order and remembers which went out, so that when part 2 fails and the
 * flow retries, part 1 is not sent twice. The memory is this process's only and bounded: a retry in another
 * process or after a restart may repeat a part, which beats losing one.
 */
export class SentParts {
  private readonly sent = new Map<string, Set<string>>();

  constructor(private readonly maxReplies = 1000) {}

  async send(key: string, parts: readonly string[], sendOne: (part: string) => Promise<void>): Promise<void> {
    const done = this.sent.get(key) ?? new Set<string>();
    for (const part of parts) {
      if (done.has(part)) continue;
      await sendOne(part);
      if (parts.length > 1) this.remember(key, done.add(part));
    }
    this.sent.delete(key);
  }

  private remember(key: string, done: Set<string>): void {
    this.sent.delete(key);
    this.sent.set(key, done);
    if (this.sent.size > this.maxReplies) this.sent.delete(this.sent.keys().next().value!);
  }
}
