import {
  closeSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { IncomingMessage } from '../../ports/incoming-message.ts';
import { isRecord } from '../../util/is-record.ts';

/** A message the journal holds: acknowledged to its platform, not yet settled. */
export interface JournalEntry {
  id: string;
  message: IncomingMessage;
}

/** The journal, when this process holds it, and what the last run left in it to answer. */
export interface OpenedJournal {
  journal: QueueJournal | null;
  pending: JournalEntry[];
}

const FILE_NAME = 'queue-journal.jsonl';
const LOCK_NAME = 'queue-journal.lock';
/** The file is rewritten with only the live entries once it holds this many more lines than them. */
const COMPACT_AFTER_LINES = 10_000;

/** Journal files held open by this process, so a second queue in the same process never shares one. */
const heldHere = new Set<string>();

/**
 * The append-only file behind the memory queue (`DATA_DIR/queue-journal.jsonl`), so a message the bot
 * acknowledged survives the process dying before it is answered. One JSON line per event:
 * `{"add":id,"message":{…}}` before `enqueue` resolves (that is, before the platform hears "received"),
 * `{"done":id}` once the message is settled (answered, refused for good, or given up).
 *
 * Lines are written with a synchronous `write(2)`: once it returns the line is in the kernel, so it survives
 * SIGKILL or an out-of-memory kill (not a power cut: there is no fsync per message). A write that fails makes
 * `enqueue` fail, so the webhook is not acknowledged and the platform delivers it again.
 *
 * At open the file is replayed: what was added and not settled is handed back to be answered, and the file is
 * rewritten with only that. It is truncated whenever nothing is left, and compacted when it grows. One process
 * per file: a lock file names the holder's pid, and a second live process gets no journal (and a warning).
 */
export class QueueJournal {
  private readonly live = new Map<string, IncomingMessage>();
  private lines = 0;
  private fd: number | null = null;

  private constructor(
    private readonly dir: string,
    replayed: JournalEntry[],
  ) {
    for (const { id, message } of replayed) this.live.set(id, message);
    this.fd = this.rewrite();
  }

  /**
   * Takes the journal in `dir` (creating the folder), and returns what the previous process left unanswered.
   * `journal` is null when another live process holds it: the queue then runs without one.
   */
  static open(dir: string, logger: Logger): OpenedJournal {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, FILE_NAME);
    if (!takeLock(dir, logger)) return { journal: null, pending: [] };
    heldHere.add(file);
    const pending = readPending(file, logger);
    if (pending.length > 0) {
      logger.warn({ messages: pending.length, file }, 'answering the acknowledged messages the last run left');
    }
    return { journal: new QueueJournal(dir, pending), pending };
  }

  get file(): string {
    return join(this.dir, FILE_NAME);
  }

  /** How many acknowledged messages are not settled yet. */
  get size(): number {
    return this.live.size;
  }

  add(id: string, message: IncomingMessage): void {
    this.append({ add: id, message });
    this.live.set(id, message);
  }

  done(id: string): void {
    if (!this.live.delete(id)) return;
    if (this.live.size === 0) {
      // Nothing left to replay: start the file over rather than let it grow.
      ftruncateSync(this.openFd(), 0);
      this.lines = 0;
      return;
    }
    this.append({ done: id });
    if (this.lines > this.live.size + COMPACT_AFTER_LINES) this.fd = this.rewrite();
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    heldHere.delete(this.file);
    rmSync(join(this.dir, LOCK_NAME), { force: true });
  }

  private append(record: object): void {
    writeSync(this.openFd(), `${JSON.stringify(record)}\n`);
    this.lines++;
  }

  private openFd(): number {
    if (this.fd === null) throw new Error('the queue journal is closed');
    return this.fd;
  }

  /** Writes the live entries to a new file and moves it in place, so a crash mid-way leaves the old one whole. */
  private rewrite(): number {
    const next = `${this.file}.next`;
    const body = [...this.live].map(([id, message]) => `${JSON.stringify({ add: id, message })}\n`).join('');
    writeFileSync(next, body);
    renameSync(next, this.file);
    if (this.fd !== null) closeSync(this.fd);
    this.lines = this.live.size;
    return openSync(this.file, 'a');
  }
}

function readPending(file: string, logger: Logger): JournalEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const live = new Map<string, IncomingMessage>();
  let unreadable = 0;
  for (const line of text.split('\n')) {
    if (!line) continue;
    const record = parseLine(line);
    if (!record) unreadable++;
    else if ('done' in record) live.delete(record.done);
    else live.set(record.add, record.message);
  }
  // A line cut by the crash itself is the usual cause: its message was never acknowledged.
  if (unreadable > 0) logger.warn({ lines: unreadable, file }, 'skipped unreadable lines of the queue journal');
  return [...live].map(([id, message]) => ({ id, message }));
}

function parseLine(line: string): { add: string; message: IncomingMessage } | { done: string } | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  if (typeof value.done === 'string') return { done: value.done };
  const message = value.message;
  if (typeof value.add !== 'string' || !isRecord(message)) return null;
  if (typeof message.channel !== 'string' || typeof message.messageId !== 'string') return null;
  return { add: value.add, message: message as unknown as IncomingMessage };
}

/** True when this process may use the journal in `dir`: no lock, or one left by a process that is gone. */
function takeLock(dir: string, logger: Logger): boolean {
  const lock = join(dir, LOCK_NAME);
  if (heldHere.has(join(dir, FILE_NAME))) {
    logger.warn({ dir }, 'the queue journal is already in use in this process; running without one');
    return false;
  }
  let holder = Number.NaN;
  try {
    holder = Number(readFileSync(lock, 'utf8').trim());
  } catch {
    // No lock: free.
  }
  // The same pid is a previous run of this process (a container restarts as pid 1), not a live holder.
  if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
    logger.warn(
      { dir, pid: holder },
      'the queue journal is held by another running process; running without one (give each process its own DATA_DIR)',
    );
    return false;
  }
  writeFileSync(lock, String(process.pid));
  return true;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
