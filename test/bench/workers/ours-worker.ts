import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { BUNDLED_KNOWLEDGE_DIR } from '../../../src/config.ts';
import type { KnowledgeDocument } from '../../../src/knowledge/document.ts';
import { loadKnowledgeFolder } from '../../../src/knowledge/load-knowledge-folder.ts';
import { createAssistant } from '../../../src/pipeline/assistant.ts';
import { buildKnowledgeBase, type KnowledgeBase } from '../../../src/search/knowledge-base.ts';
import { passageSearchText } from '../../../src/search/passage-index.ts';
import { MemoryConversationStore } from '../../../src/state/conversations/memory.ts';
import { explainSearch } from '../../../src/understanding/ground-question.ts';
import { resolveFollowUp } from '../../../src/understanding/resolve-follow-up.ts';
import { understandQuestion } from '../../../src/understanding/understand-question.ts';
import { checkAnswer } from '../../eval/evaluate.ts';
import {
  evaluationTurns,
  isRecalled,
  loadEvaluationCases,
  recallQuestions,
  rightDocuments,
} from '../bench-questions.ts';
import { distribution, memoryNow, round, settledMemory } from '../measure.ts';
import { loadSeedDocuments, syntheticKnowledge, writeSyntheticKnowledge } from '../synthetic-knowledge.ts';
import { emit, option, parseSize, runWorker, type Size } from './worker-io.ts';

/**
 * `ours <seeds|N> [--disk] [--rounds R] [--warm-up T] [--retrieval-rounds R]`: builds a knowledge base of
 * N documents (the seeds plus synthetic ones; from a folder on disk with --disk, else made in memory), then
 * answers every evaluation turn through the real assistant R times, and measures our top 5 on the recall
 * questions. Reports build time, memory, latency, answers still correct, recall.
 */

interface LoadedDocuments {
  documents: KnowledgeDocument[];
  /** Reading and parsing the files, when they came from disk. */
  loadMs: number | null;
  /** Generating them in memory, when synthetic and not on disk. */
  generateMs: number | null;
}

/** The seeds from the bundled folder; N documents from a folder written for the run; or N made in memory. */
async function documentsOf(
  size: Size,
  fromDisk: boolean,
  seeds: readonly KnowledgeDocument[],
): Promise<LoadedDocuments> {
  if (size === 'seeds' || fromDisk) {
    const dir = size === 'seeds' ? BUNDLED_KNOWLEDGE_DIR : await mkdtemp(join(tmpdir(), 'hoidap-bench-'));
    try {
      if (size !== 'seeds') await writeSyntheticKnowledge(dir, size);
      const started = performance.now();
      const { documents } = await loadKnowledgeFolder(dir);
      return { documents, loadMs: performance.now() - started, generateMs: null };
    } finally {
      if (size !== 'seeds') await rm(dir, { recursive: true, force: true });
    }
  }
  const started = performance.now();
  const documents = syntheticKnowledge(seeds, size);
  return { documents, loadMs: null, generateMs: performance.now() - started };
}

/** Builds the base; the documents it was given are dropped afterwards, as the app drops what it loaded. */
async function buildOnce(size: Size, fromDisk: boolean, seeds: readonly KnowledgeDocument[]) {
  const loaded = await documentsOf(size, fromDisk, seeds);
  const started = performance.now();
  const knowledge = buildKnowledgeBase(loaded.documents);
  const buildMs = performance.now() - started;
  return { knowledge, buildMs, loadMs: loaded.loadMs, generateMs: loaded.generateMs };
}

/**
 * Our top 5 for each recall question, from the search the assistant runs: the question understood and
 * resolved as a first turn, then explainSearch (the grounding's query, documents narrowed by province or
 * number, headlines weighted down), best first.
 */
function measureRetrieval(knowledge: KnowledgeBase, seeds: readonly KnowledgeDocument[], rounds: number) {
  const questions = recallQuestions(loadEvaluationCases(), seeds);
  const totals = new Array<number>(questions.length).fill(0);
  const hits: boolean[] = [];
  for (let r = 0; r < rounds; r++) {
    questions.forEach((question, i) => {
      const started = performance.now();
      const top = explainSearch(knowledge, resolveFollowUp(understandQuestion(question.text), undefined)).slice(0, 5);
      totals[i]! += performance.now() - started;
      if (r === 0) {
        const found = top.map((match) => ({ docIndex: match.docIndex, text: passageSearchText(match) }));
        hits.push(isRecalled(question, rightDocuments(question, knowledge.documents), found));
      }
    });
  }
  const perQuestionMs = totals.map((total) => round(total / rounds));
  return {
    questions: questions.length,
    recallAt5: round(hits.filter(Boolean).length / Math.max(1, questions.length)),
    ...distribution(perQuestionMs),
    perQuestionMs,
    hits,
  };
}

async function main(args: readonly string[]): Promise<void> {
  const size = parseSize(args[0]);
  const fromDisk = args.includes('--disk');
  const rounds = option(args, '--rounds', 3);
  const warmUpTurns = option(args, '--warm-up', Number.POSITIVE_INFINITY);
  const retrievalRounds = option(args, '--retrieval-rounds', 3);
  const seeds = await loadSeedDocuments();
  const { knowledge, buildMs, loadMs, generateMs } = await buildOnce(size, fromDisk, seeds);
  const documents = knowledge.documents.length;
  const built = await settledMemory();
  emit({ event: 'built', documents, passages: knowledge.index.size, buildMs: round(buildMs), memory: built });

  const turns = evaluationTurns(loadEvaluationCases());
  const assistant = createAssistant({
    knowledge: () => knowledge,
    conversations: new MemoryConversationStore(),
    logger: pino({ level: 'silent' }),
  });
  for (const turn of turns.slice(0, warmUpTurns))
    await assistant.ask({ channel: 'warm-up', user: turn.caseId, text: turn.text });
  const timings: number[] = [];
  const slowest: Array<{ text: string; ms: number }> = [];
  let passed = 0;
  for (let r = 0; r < rounds; r++) {
    for (const turn of turns) {
      const started = performance.now();
      const answer = await assistant.ask({ channel: `round-${r}`, user: turn.caseId, text: turn.text });
      const ms = performance.now() - started;
      timings.push(ms);
      if (r === 0) {
        if (checkAnswer(answer, turn.expect).length === 0) passed++;
        slowest.push({ text: turn.text, ms: round(ms) });
      }
    }
  }
  slowest.sort((a, b) => b.ms - a.ms);

  const retrieval = measureRetrieval(knowledge, seeds, retrievalRounds);
  emit({
    event: 'done',
    documents,
    passages: knowledge.index.size,
    loadMs: loadMs === null ? null : round(loadMs),
    generateMs: generateMs === null ? null : round(generateMs),
    buildMs: round(buildMs),
    buildMsPer1k: round(buildMs / (documents / 1000)),
    memory: built,
    memoryAfterQueries: memoryNow(),
    latency: { rounds, turns: turns.length, ...distribution(timings), slowest: slowest.slice(0, 5) },
    evaluation: { passed, total: turns.length },
    retrieval,
  });
}

runWorker(main);
