import { splitPassages } from '../../../src/knowledge/split-passages.ts';
import { passageSearchText } from '../../../src/search/passage-index.ts';
import { isRecalled, loadEvaluationCases, recallQuestions, rightDocuments } from '../bench-questions.ts';
import { evenSample, memoryNow, round, settledMemory } from '../measure.ts';
import { langchainRetriever, oramaRetriever, type PeerRetriever } from '../peer-retrievers.ts';
import { loadSeedDocuments, syntheticKnowledge } from '../synthetic-knowledge.ts';
import { emit, option, parseSize, runWorker } from './worker-io.ts';

/**
 * `peer <langchain|orama> <seeds|N> [--sample S]`: the peer over the same passages as ours (the same
 * documents split the same way, each passage as the text our index searches), then S of the recall
 * questions, evenly spread. One line per question, so a run stopped for taking too long still reports.
 */
async function main(args: readonly string[]): Promise<void> {
  const name = args[0];
  if (name !== 'langchain' && name !== 'orama') throw new Error(`unknown peer ${name}`);
  const size = parseSize(args[1]);
  const seeds = await loadSeedDocuments();
  const questions = recallQuestions(loadEvaluationCases(), seeds);
  const sample = evenSample(questions.length, option(args, '--sample', questions.length));

  const { texts, docIndexes, right } = (() => {
    const documents = size === 'seeds' ? seeds : syntheticKnowledge(seeds, size);
    const texts: string[] = [];
    const docIndexes: number[] = [];
    documents.forEach((document, docIndex) => {
      for (const passage of splitPassages(document.text)) {
        texts.push(passageSearchText(passage));
        docIndexes.push(docIndex);
      }
    });
    return { texts, docIndexes, right: questions.map((question) => rightDocuments(question, documents)) };
  })();
  const started = performance.now();
  const retriever: PeerRetriever = name === 'langchain' ? langchainRetriever(texts) : await oramaRetriever(texts);
  const buildMs = performance.now() - started;
  const built = await settledMemory();
  emit({
    event: 'built',
    peer: name,
    documents: size === 'seeds' ? seeds.length : size,
    passages: texts.length,
    buildMs: round(buildMs),
    memory: built,
    sample,
  });
  for (const at of sample) {
    const question = questions[at]!;
    emit({ event: 'asking', question: at });
    const asked = performance.now();
    const top = await retriever.top5(question.text);
    const ms = performance.now() - asked;
    const found = top.map((position) => ({ docIndex: docIndexes[position]!, text: texts[position]! }));
    emit({ event: 'query', question: at, ms: round(ms), hit: isRecalled(question, right[at]!, found) });
  }
  emit({ event: 'done', memoryAfterQueries: memoryNow() });
}

runWorker(main);
