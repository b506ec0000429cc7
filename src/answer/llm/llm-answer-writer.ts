import type { DocumentInterface } from '@langchain/core/documents';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { type Runnable, RunnableBranch, RunnablePassthrough, RunnableSequence } from '@langchain/core/runnables';
import { ChatOpenAI } from '@langchain/openai';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { KnowledgeBase } from '../../search/knowledge-base.ts';
import type { Grounding } from '../../understanding/grounding.ts';
import { withDeadline } from '../../util/with-deadline.ts';
import type { Answer } from '../answer.ts';
import type { AnswerWriter, AnswerWriterInput, Audience } from '../answer-writer.ts';
import { composeAnswer } from '../compose-answer.ts';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.ts';
import { type Evidence, guardAnswer, prepareEvidence } from './citation-guard.ts';
import { formatHistory, needsRewrite, usableRewrite } from './follow-up-history.ts';
import { answerWithSources } from './grounded-answer.ts';
import { LlmError, type LlmFailureReason, toLlmError } from './llm-error.ts';
import type { Prompts } from './load-prompts.ts';
import { declinesToAnswer, looksVietnamese, tidyModelText } from './model-text.ts';
import { formatPassages, type PassageMetadata, PassageRetriever } from './passage-retriever.ts';

export type LlmConfig = NonNullable<Config['llm']>;

/** How one answer was written: for logs, metrics and `npm run eval -- --llm`. */
export type LlmWriteReport =
  /** The grounding is not for a model (refusal, metadata, catalogue, greeting, a verdict): written offline. */
  | { outcome: 'offline' }
  /** The model's text, every sentence borne out by the passages. */
  | { outcome: 'llm'; ms: number }
  /** The model's text with sentences the guard dropped. */
  | { outcome: 'llm-trimmed'; ms: number; dropped: number }
  /** The offline answer in place of the model's. */
  | { outcome: 'fallback'; reason: LlmFailureReason | 'circuit-open' | 'ungrounded' | 'declined' };

export interface LlmAnswerWriterOptions {
  config: LlmConfig;
  prompts: Prompts;
  logger: Logger;
  /** Defaults: 3 consecutive failures open the circuit for 60 s. */
  breaker?: Pick<CircuitBreakerOptions, 'failureThreshold' | 'coolDownMs'>;
  now?: () => number;
  onReport?: (report: LlmWriteReport) => void;
}

// Type aliases, not interfaces: LangChain's runnables take inputs assignable to Record<string, unknown>.
type ChainInput = {
  question: string;
  /** The conversation, formatted; empty when the question stands alone. */
  history: string;
};

type ChainOutput = ChainInput & {
  standalone: string;
  documents: DocumentInterface<PassageMetadata>[];
  text: string;
};

/** Reasoning models accept only their default temperature. */
function acceptsTemperature(model: string): boolean {
  return !/^(?:o\d|gpt-[5-9](?!-chat))/.test(model);
}

/**
 * Only statements of what a plan says go to the model. Refusals, metadata, the catalogue and greetings are
 * exact already; a verdict ("… đúng không?") or a question carrying an instruction must be answered from the
 * source's figure alone, which the offline writer does and a guard on figures could not ensure.
 */
function isForModel(grounding: Grounding): boolean {
  // A list is phrased from its whole section; status, summaries and rankings are computed exactly offline.
  if (grounding.kind === 'overview' || grounding.kind === 'list') return true;
  return grounding.kind === 'facts' && grounding.verdict === null && !grounding.instructed;
}

/** What the model was given, for the citation guard: the passages and their documents' metadata. */
function evidenceOf(knowledge: KnowledgeBase, documents: readonly DocumentInterface<PassageMetadata>[]): Evidence {
  const docIndexes = [...new Set(documents.map((document) => document.metadata.docIndex))];
  const metadata = docIndexes.flatMap((docIndex) => {
    const { number, title, implements: implemented, replaces } = knowledge.documents[docIndex]!.metadata;
    return [number, title, implemented, replaces].filter((value): value is string => value !== null);
  });
  const dates = docIndexes.flatMap((docIndex) => {
    const { date, publishedDate } = knowledge.documents[docIndex]!.metadata;
    return [date, publishedDate].filter((value): value is string => value !== null);
  });
  const passages = documents.map(({ pageContent, metadata: { context } }) =>
    context ? `${context}: ${pageContent}` : pageContent,
  );
  return prepareEvidence({ passages, metadata, dates });
}

/**
 * The LLM answer writer: `ChatOpenAI` phrases what our grounding found, composed from LangChain's pieces —
 * a history-aware rewrite of follow-ups into a standalone question, the grounded passages as a retriever,
 * the prompt files, the model and a string parser. What it writes passes the citation guard; the source
 * block and citations come from metadata. Any failure (timeout, 429, 5xx, bad key, unreachable endpoint,
 * unusable output) gives the offline answer within `config.timeoutMs`, and a circuit breaker stops calling
 * a model that keeps failing. Never rejects.
 */
/** The chat model, called once per answer: the fallback and the circuit breaker handle failures. */
function createChatModel(config: LlmConfig): ChatOpenAI {
  return new ChatOpenAI({
    model: config.model,
    apiKey: config.apiKey,
    ...(config.baseUrl ? { configuration: { baseURL: config.baseUrl } } : {}),
    ...(acceptsTemperature(config.model) ? { temperature: 0 } : {}),
    timeout: config.timeoutMs,
    // Our fallback and circuit breaker handle failures; retries would only spend the user's time.
    maxRetries: 0,
  });
}

/** A breaker that logs once when the model goes away and once when it is back. */
function createModelBreaker(
  log: Logger,
  options: LlmAnswerWriterOptions['breaker'],
  now: () => number,
): CircuitBreaker {
  return new CircuitBreaker({
    ...options,
    now,
    onOpen: ({ failures, error, coolDownMs }) => {
      const { reason, status, message } = toLlmError(error);
      log.warn(
        { failures, reason, status, error: message, coolDownMs },
        'LLM unavailable: answering offline until it recovers',
      );
    },
    onClose: ({ downMs, skipped }) => log.info({ downMs, skipped }, 'LLM available again'),
  });
}

/**
 * The LangChain pipeline for one answer: a follow-up is first rewritten into a standalone question (a question
 * that stands alone is sent as asked), the grounded passages are retrieved for it, and the audience's prompt
 * asks the model to phrase them.
 */
function createAnswerChains(model: ChatOpenAI, prompts: LlmAnswerWriterOptions['prompts']) {
  const parser = new StringOutputParser();
  const rewrite = RunnableSequence.from([prompts.rewrite, model, parser]);
  const standalone = RunnableBranch.from<ChainInput, string>([
    [
      (input) => input.history !== '',
      RunnableSequence.from([
        RunnablePassthrough.assign({ rewritten: rewrite }),
        (input: ChainInput & { rewritten: string }) => usableRewrite(input.rewritten) ?? input.question,
      ]),
    ],
    (input) => input.question,
  ]);

  return function chainFor(retriever: PassageRetriever, audience: Audience): Runnable<ChainInput, ChainOutput> {
    return RunnableSequence.from([
      RunnablePassthrough.assign({ standalone }),
      RunnablePassthrough.assign({
        documents: RunnableSequence.from([(input: ChainInput & { standalone: string }) => input.standalone, retriever]),
      }),
      RunnablePassthrough.assign({
        text: RunnableSequence.from([
          (input: ChainInput & { standalone: string; documents: DocumentInterface<PassageMetadata>[] }) => ({
            question: input.standalone,
            passages: formatPassages(input.documents),
          }),
          prompts.answer[audience],
          model,
          parser,
        ]),
      }),
    ]);
  };
}

export function createLlmAnswerWriter({
  config,
  prompts,
  logger,
  breaker: breakerOptions = {},
  now = Date.now,
  onReport = () => {},
}: LlmAnswerWriterOptions): AnswerWriter {
  const log = logger.child({ component: 'llm-writer', model: config.model });
  const breaker = createModelBreaker(log, breakerOptions, now);
  const chainFor = createAnswerChains(createChatModel(config), prompts);

  /** Calls the model once, recording the outcome with the breaker exactly once. */
  async function callModel(input: AnswerWriterInput): Promise<ChainOutput | LlmError> {
    const { question, grounding, knowledge, history, audience } = input;
    const chain = chainFor(new PassageRetriever({ knowledge, grounding }), audience);
    const chainInput: ChainInput = {
      question: question.text,
      history: needsRewrite(question, history) ? formatHistory(history, knowledge) : '',
    };
    try {
      const output = await withDeadline(
        config.timeoutMs,
        (signal) => chain.invoke(chainInput, { signal }),
        () => new LlmError('timeout', `no answer within ${config.timeoutMs} ms`),
      );
      if (!looksVietnamese(output.text)) {
        throw new LlmError(
          'malformed-output',
          `the model's answer is not Vietnamese text (${output.text.length} characters)`,
        );
      }
      breaker.recordSuccess();
      return output;
    } catch (error) {
      const failure = toLlmError(error);
      const wasClosed = breaker.state === 'closed';
      breaker.recordFailure(failure);
      // An isolated failure is worth a line; during an outage the breaker's one warning says it all.
      const level = wasClosed && breaker.state === 'closed' ? 'info' : 'debug';
      log[level](
        { reason: failure.reason, status: failure.status, error: failure.message },
        'LLM call failed; answering offline',
      );
      return failure;
    }
  }

  async function write(input: AnswerWriterInput): Promise<Answer> {
    const { grounding, knowledge } = input;
    const offline = composeAnswer(knowledge, grounding);
    const fallback = (reason: Extract<LlmWriteReport, { outcome: 'fallback' }>['reason']): Answer => {
      onReport({ outcome: 'fallback', reason });
      return offline;
    };
    if (!isForModel(grounding)) {
      onReport({ outcome: 'offline' });
      return offline;
    }
    if (!breaker.tryAcquire()) return fallback('circuit-open');

    const started = now();
    const output = await callModel(input);
    if (output instanceof LlmError) return fallback(output.reason);

    const guarded = guardAnswer(tidyModelText(output.text), evidenceOf(knowledge, output.documents));
    if (guarded.dropped.length > 0) {
      log.info(
        { dropped: guarded.dropped.map(({ ungrounded }) => ungrounded.map(({ kind, raw }) => `${kind}:${raw}`)) },
        'citation guard dropped sentences the passages do not bear out',
      );
    }
    if (!guarded.text || guarded.lostMainFigure) return fallback('ungrounded');
    if (declinesToAnswer(guarded.text, guarded.keptFigure)) return fallback('declined');
    const ms = now() - started;
    onReport(
      guarded.dropped.length > 0
        ? { outcome: 'llm-trimmed', ms, dropped: guarded.dropped.length }
        : { outcome: 'llm', ms },
    );
    return answerWithSources(knowledge, grounding, guarded.text);
  }

  return {
    async write(input) {
      try {
        return await write(input);
      } catch (error) {
        // A bug of ours must not cost the user an answer.
        log.error({ err: error }, 'LLM writer failed; answering offline');
        return composeAnswer(input.knowledge, input.grounding);
      }
    },
  };
}
