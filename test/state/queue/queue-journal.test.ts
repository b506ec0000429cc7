import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../../../src/ports/incoming-message.ts';
import { MemoryMessageQueue } from '../../../src/state/queue/memory.ts';
import { QueueJournal } from '../../../src/state/queue/queue-journal.ts';
import { waitFor } from '../../helpers/wait-for.ts';

/** The memory queue's journal: what was acknowledged and not settled comes back at the next start. */

const silent = pino({ level: 'silent' });
const dirs: string[] = [];
const journals: QueueJournal[] = [];

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hoidap-journal-'));
  dirs.push(dir);
  return dir;
}

function open(dir: string) {
  const opened = QueueJournal.open(dir, silent);
  if (opened.journal) journals.push(opened.journal);
  return opened;
}

afterEach(() => {
  for (const journal of journals.splice(0)) journal.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

let sequence = 0;
function message(text: string): IncomingMessage {
  sequence++;
  return {
    channel: 'zalo-oa',
    kind: 'text',
    messageId: `j${sequence}`,
    userId: `u${sequence}`,
    chatId: `u${sequence}`,
    text,
    receivedAt: Date.now(),
  };
}

/** A pid that belonged to a process which has exited. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());
}

describe('QueueJournal', () => {
  it('hands back what was added and not settled, with its Vietnamese text, and keeps only that', () => {
    const dir = freshDir();
    const { journal } = open(dir);
    journal!.add('a', message('Hà Tĩnh đặt mục tiêu bao nhiêu %?'));
    journal!.add('b', message('Còn Quảng Bình thì sao?'));
    journal!.add('c', message('Bạc Liêu'));
    journal!.done('b');
    journal!.close();

    const reopened = open(dir);
    expect(reopened.pending.map((entry) => [entry.id, entry.message.text])).toEqual([
      ['a', 'Hà Tĩnh đặt mục tiêu bao nhiêu %?'],
      ['c', 'Bạc Liêu'],
    ]);
    expect(readFileSync(join(dir, 'queue-journal.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('starts the file over once nothing is left', () => {
    const dir = freshDir();
    const { journal } = open(dir);
    journal!.add('a', message('một'));
    journal!.done('a');
    expect(readFileSync(join(dir, 'queue-journal.jsonl'), 'utf8')).toBe('');
  });

  it('takes over the journal of a process that died (a stale lock), skipping a line cut by the crash', () => {
    const dir = freshDir();
    const line = JSON.stringify({ add: 'x', message: message('Hà Tĩnh') });
    writeFileSync(join(dir, 'queue-journal.jsonl'), `${line}\n{"add":"y","mess`);
    writeFileSync(join(dir, 'queue-journal.lock'), String(deadPid()));
    const { journal, pending } = open(dir);
    expect(journal).not.toBeNull();
    expect(pending.map((entry) => entry.id)).toEqual(['x']);
  });

  it('leaves a journal held by another running process alone', () => {
    const dir = freshDir();
    appendFileSync(join(dir, 'queue-journal.lock'), String(process.ppid));
    const { journal, pending } = open(dir);
    expect(journal).toBeNull();
    expect(pending).toEqual([]);
  });

  it('is never shared by two queues of one process', () => {
    const dir = freshDir();
    expect(open(dir).journal).not.toBeNull();
    expect(open(dir).journal).toBeNull();
  });
});

describe('MemoryMessageQueue with a journal', () => {
  it('answers at the next start what it acknowledged and had not answered', async () => {
    const dir = freshDir();
    const first = open(dir);
    const queue = new MemoryMessageQueue(1, silent, { journal: first.journal });
    await queue.enqueue(message('Hà Tĩnh câu 1'));
    await queue.enqueue(message('Hà Tĩnh câu 2'));
    // Never started: stopped as a SIGKILL would leave it (the journal is closed without a word).
    first.journal!.close();

    const second = open(dir);
    const restarted = new MemoryMessageQueue(1, silent, { journal: second.journal, replay: second.pending });
    const seen: string[] = [];
    restarted.start(async (received) => {
      seen.push(received.text);
      return { outcome: 'done' };
    });
    await waitFor(() => seen.length === 2, 'the replayed messages');
    expect(seen).toEqual(['Hà Tĩnh câu 1', 'Hà Tĩnh câu 2']);
    expect(second.journal!.size).toBe(0);
  });

  it('keeps in the journal a message whose retry was still waiting when it stopped', async () => {
    const dir = freshDir();
    const { journal } = open(dir);
    const queue = new MemoryMessageQueue(1, silent, { journal });
    let attempts = 0;
    queue.start(async () => {
      attempts++;
      return { outcome: 'retry', afterMs: 60_000 };
    });
    await queue.enqueue(message('Quảng Bình'));
    await waitFor(() => attempts === 1, 'the first attempt');
    await queue.drain(50);
    expect(journal!.size).toBe(1);
  });

  it('answers what is waiting before stopping, within the deadline', async () => {
    const { journal } = open(freshDir());
    const queue = new MemoryMessageQueue(1, silent, { journal });
    let answered = 0;
    queue.start(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      answered++;
      return { outcome: 'done' };
    });
    for (let i = 0; i < 10; i++) await queue.enqueue(message(`câu ${i}`));
    await queue.drain(5000);
    expect(answered).toBe(10);
    expect(journal!.size).toBe(0);
  });
});
