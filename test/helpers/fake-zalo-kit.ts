import { setTimeout as sleep } from 'node:timers/promises';
import { type Logger, pino } from 'pino';
import type { Answer } from '../../src/answer/answer.ts';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/config.ts';
import { KnowledgeLibrary } from '../../src/library/knowledge-library.ts';
import { createMetrics } from '../../src/observability/metrics.ts';
import { type Assistant, createAssistant, type Question } from '../../src/pipeline/assistant.ts';
import { createMessageFlow, type MessageFlow } from '../../src/pipeline/message-flow.ts';
import type { IncomingMessage } from '../../src/ports/incoming-message.ts';
import { MemoryConversationStore } from '../../src/state/conversations/memory.ts';
import { MemoryDeliveryLedger } from '../../src/state/deliveries/memory.ts';
import { MemoryQuestionLog } from '../../src/state/question-log/memory.ts';
import { MemoryMessageQueue } from '../../src/state/queue/memory.ts';
import { MemoryRateLimiter } from '../../src/state/rate-limits/memory.ts';
import { waitFor } from './wait-for.ts';

/**
 * The real pieces around the fake Zalo servers: the assistant on the bundled knowledge, and a message flow
 * with in-memory queue, ledger, rate limiter and question log, as the bot runs without Redis.
 */

export const silentLogger: Logger = pino({ level: 'silent' });

/** A logger whose JSON lines are kept, to check what was (and was not) logged. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

export async function loadAssistant(): Promise<Assistant> {
  const library = new KnowledgeLibrary({ dir: BUNDLED_KNOWLEDGE_DIR, logger: silentLogger });
  await library.reload();
  return createAssistant({
    knowledge: () => library.current(),
    conversations: new MemoryConversationStore(),
    logger: silentLogger,
  });
}

/** An assistant that records the questions it is asked, and can be made slow. */
export class RecordingAssistant implements Assistant {
  readonly asked: Question[] = [];
  /** Answers only after this long: a slow LLM. */
  delayMs = 0;

  constructor(private readonly inner: Assistant) {}

  async ask(question: Question): Promise<Answer> {
    this.asked.push(question);
    if (this.delayMs > 0) await sleep(this.delayMs);
    return this.inner.ask(question);
  }
}

export interface TestFlow {
  flow: MessageFlow;
  /** Messages the channel handed to the flow. */
  accepted: IncomingMessage[];
  /** Resolves once nothing is waiting or being processed. */
  idle(): Promise<void>;
}

export function createTestFlow(assistant: Assistant, logger: Logger = silentLogger): TestFlow {
  const queue = new MemoryMessageQueue(4, logger);
  const inner = createMessageFlow({
    assistant,
    queue,
    ledger: new MemoryDeliveryLedger(24 * 60 * 60 * 1000),
    rateLimiter: new MemoryRateLimiter(1000),
    questionLog: new MemoryQuestionLog(),
    metrics: createMetrics(),
    logger,
    maxMessageChars: 4000,
    // A copy of a message that arrives while the first is answered waits out the lease before it is dropped
    // as answered: short here so that tests reach an idle queue soon.
    leaseMs: 500,
  });
  const accepted: IncomingMessage[] = [];
  const flow: MessageFlow = {
    ...inner,
    accept(message) {
      accepted.push(message);
      return inner.accept(message);
    },
  };
  return {
    flow,
    accepted,
    async idle() {
      await waitFor(async () => {
        const stats = await queue.stats();
        return stats.waiting === 0 && stats.active === 0;
      }, 'the queue to be idle');
    },
  };
}

/** A grounded answer of about `chars` characters, in sentences of real text, with its source line last. */
export function longAnswer(chars: number): Answer {
  const sentence =
    'Đến năm 2020, 100% cơ quan nhà nước cấp tỉnh sử dụng hệ thống quản lý văn bản và điều hành trên môi trường mạng. ';
  const body = sentence.repeat(Math.ceil(chars / sentence.length)).trim();
  return {
    answer: `Theo Quyết định số 4086/QĐ-UBND của UBND tỉnh Hà Tĩnh: ${body}\n\nNguồn: Quyết định số 4086/QĐ-UBND ngày 28/12/2012 của UBND tỉnh Hà Tĩnh.`,
    grounded: true,
    citations: [],
    outcome: 'answered',
  };
}
