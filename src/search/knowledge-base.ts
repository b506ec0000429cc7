import type { KnowledgeDocument } from '../knowledge/document.ts';
import { splitPassages, splitPassagesWithLayout } from '../knowledge/split-passages.ts';
import { foldVietnamese } from '../text/normalize.ts';
import { tokenize } from '../text/tokenize.ts';
import { CompressedTexts } from './compressed-texts.ts';
import { lazyPassages } from './lazy-passages.ts';
import { type IndexedPassage, type PassageIndex, PassageIndexBuilder } from './passage-index.ts';

/**
 * The documents and their passage index, built once per load and never mutated afterwards, so a reload can
 * build a new one beside it and swap the reference atomically.
 */
export interface KnowledgeBase {
  readonly documents: readonly KnowledgeDocument[];
  readonly index: PassageIndex;
  /** Document positions by canonical province name. */
  readonly documentsByProvince: ReadonlyMap<string, readonly number[]>;
  /** Document positions by id and by source file, so a citation or a conversation finds its document at once. */
  readonly documentsById: ReadonlyMap<string, number>;
  readonly documentsBySource: ReadonlyMap<string, number>;
  /** Passages of document d are index.passages[passageStarts[d] … passageStarts[d + 1]). */
  readonly passageStarts: Uint32Array;
  readonly builtAt: Date;
}

/** Where a stored document's text is in the compressed store; not enumerable, so copies do not carry it. */
const TEXT_AT = Symbol('compressed text');

/**
 * Builds the base. Documents are kept with their text deflated (read back on access) and passages are not
 * kept at all: the index is built from each passage as it is split, and `index.passages` splits a document
 * again when one of its passages is read. Memory then grows with the compressed text and the postings.
 */
export function buildKnowledgeBase(documents: readonly KnowledgeDocument[]): KnowledgeBase {
  const build = startBuild(documents);
  for (let docIndex = 0; docIndex < documents.length; docIndex++) build.add(docIndex);
  return build.finish();
}

/**
 * The same base, built in slices of about `sliceMs` that yield to the event loop in between, so a reload of
 * 10,000 documents (seconds of work) never keeps webhooks and /healthz waiting longer than a slice.
 */
export async function buildKnowledgeBaseInSlices(
  documents: readonly KnowledgeDocument[],
  { sliceMs = 20 }: { sliceMs?: number } = {},
): Promise<KnowledgeBase> {
  const build = startBuild(documents);
  let sliceStart = performance.now();
  for (let docIndex = 0; docIndex < documents.length; docIndex++) {
    build.add(docIndex);
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return build.finish();
}

function startBuild(documents: readonly KnowledgeDocument[]) {
  const builder = new PassageIndexBuilder();
  const documentsByProvince = new Map<string, number[]>();
  const documentsById = new Map<string, number>();
  const documentsBySource = new Map<string, number>();
  const passageStarts = new Uint32Array(documents.length + 1);
  // Deflated, a document of a few kilobytes of Vietnamese takes about two.
  const texts = new CompressedTexts(documents.length * 2048);
  const readText = textReader(texts);
  const stored: KnowledgeDocument[] = [];
  const add = (docIndex: number): void => {
    const document = documents[docIndex]!;
    passageStarts[docIndex] = builder.size;
    const { text } = document;
    documentsById.set(document.id, docIndex);
    documentsBySource.set(document.source, docIndex);
    indexPassages(builder, docIndex, text);
    const province = document.metadata.province;
    if (province) {
      const list = documentsByProvince.get(province);
      if (list) list.push(docIndex);
      else documentsByProvince.set(province, [docIndex]);
    }
    stored.push(withCompressedText(document, readText, texts.add(text)));
  };
  const finish = (): KnowledgeBase => {
    passageStarts[documents.length] = builder.size;
    texts.seal();
    const index = builder.build(lazyPassages(passageStarts, passagesOfStored(stored)));
    return {
      documents: stored,
      index,
      documentsByProvince,
      documentsById,
      documentsBySource,
      passageStarts,
      builtAt: new Date(),
    };
  };
  return { add, finish };
}

/** Adds a document's passages to the index as they are split. */
function indexPassages(builder: PassageIndexBuilder, docIndex: number, text: string): void {
  let context: string | null = null;
  let contextTokens: Int32Array | null = null;
  for (const draft of splitPassages(text)) {
    // Passages under one heading share its context: its tokens are found and numbered once. Tokenising
    // "context. text" gives the context's tokens followed by the text's, as the ". " joins no token.
    if (draft.context !== context) {
      context = draft.context;
      contextTokens = context ? builder.tokenNumbers(tokenize(context)) : null;
    }
    builder.add(docIndex, tokenize(draft.text), contextTokens);
  }
}

/** A document's passages, split again from its stored text (splitting is deterministic). */
function passagesOfStored(stored: readonly KnowledgeDocument[]): (docIndex: number) => IndexedPassage[] {
  return (docIndex) => {
    const { passages, layout } = splitPassagesWithLayout(stored[docIndex]!.text);
    return passages.map((draft, i) => ({ docIndex, ...draft, ...layout[i]! }));
  };
}

/** The getter every stored document of one base shares (made apart, so it holds nothing of the build). */
function textReader(texts: CompressedTexts): () => string {
  return function (this: { [TEXT_AT]: number }): string {
    return texts.get(this[TEXT_AT]);
  };
}

/**
 * The same document, its text read back from the compressed store by a getter that every document of the
 * base shares (so they keep one hidden class and fast properties: a getter per object would not).
 */
function withCompressedText(document: KnowledgeDocument, readText: () => string, at: number): KnowledgeDocument {
  const { id, source, format, metadata } = document;
  const stored = { id, source, format, metadata };
  Object.defineProperty(stored, TEXT_AT, { value: at });
  Object.defineProperty(stored, 'text', { get: readText, enumerable: true, configurable: true });
  return stored as KnowledgeDocument;
}

/** Folded form of a document number for comparison: "4086/QĐ-UBND" → "4086/qd-ubnd". */
export function foldDocumentNumber(number: string): string {
  return foldVietnamese(number).replace(/\s+/g, '');
}

/** Folded numbers of a base's documents, sorted, so a typed number is looked up instead of compared with each. */
interface NumberIndex {
  keys: string[];
  documents: number[];
}

const numberIndexes = new WeakMap<readonly KnowledgeDocument[], NumberIndex>();

function numberIndexOf(knowledge: KnowledgeBase): NumberIndex {
  let found = numberIndexes.get(knowledge.documents);
  if (!found) {
    const entries: Array<[string, number]> = [];
    knowledge.documents.forEach((document, docIndex) => {
      const { number, implements: implemented } = document.metadata;
      // A document without its own number is known by the number of what it implements.
      const implementedNumber = implemented ? (/số\s+(\S+)/u.exec(implemented)?.[1] ?? null) : null;
      const key = number ? number : implementedNumber;
      if (key) entries.push([foldDocumentNumber(key), docIndex]);
    });
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    found = { keys: entries.map(([key]) => key), documents: entries.map(([, docIndex]) => docIndex) };
    numberIndexes.set(knowledge.documents, found);
  }
  return found;
}

/** Documents that state one number between them: the number as the first of them writes it, and their positions. */
export interface SharedNumber {
  number: string;
  documents: readonly number[];
}

const sharedNumberLists = new WeakMap<readonly KnowledgeDocument[], readonly SharedNumber[]>();

/**
 * Numbers that more than one document states as its own (folded, so "4086/QĐ-UBND" and "4086/qđ-ubnd" are one).
 * Such documents are never told apart by the number alone: a question naming it is answered from all of them,
 * and /admin lists them. The number of what a plan implements is not its own, so two plans implementing one
 * resolution share nothing.
 */
export function sharedNumbers(knowledge: KnowledgeBase): readonly SharedNumber[] {
  let found = sharedNumberLists.get(knowledge.documents);
  if (!found) {
    const byNumber = new Map<string, SharedNumber & { documents: number[] }>();
    knowledge.documents.forEach((document, docIndex) => {
      const { number } = document.metadata;
      if (!number) return;
      const key = foldDocumentNumber(number);
      const entry = byNumber.get(key);
      if (entry) entry.documents.push(docIndex);
      else byNumber.set(key, { number, documents: [docIndex] });
    });
    found = [...byNumber.values()].filter((entry) => entry.documents.length > 1);
    sharedNumberLists.set(knowledge.documents, found);
  }
  return found;
}

/** First position whose key is not below `key`. */
function lowerBound(keys: readonly string[], key: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (keys[middle]! < key) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Documents a number typed in a question points at: the exact number, or its leading part
 * ("quyết định 4086" → 4086/QĐ-UBND, "nghị quyết 36" → the plan implementing 36-NQ/TW).
 */
export function documentsWithNumber(knowledge: KnowledgeBase, typed: string): number[] {
  const wanted = foldDocumentNumber(typed);
  const { keys, documents } = numberIndexOf(knowledge);
  const found: number[] = [];
  const collect = (from: number, accepts: (key: string) => boolean): void => {
    for (let at = from; at < keys.length && accepts(keys[at]!); at++) found.push(documents[at]!);
  };
  collect(lowerBound(keys, wanted), (key) => key === wanted);
  for (const separator of ['/', '-']) {
    const prefix = wanted + separator;
    collect(lowerBound(keys, prefix), (key) => key.startsWith(prefix));
  }
  return found.sort((a, b) => a - b);
}
