import { tokenize } from '../text/tokenize.ts';
import { PostingsWriter } from './postings-writer.ts';
import { TermDictionary } from './term-dictionary.ts';
import { TopK } from './top-k.ts';

/** A passage as the index keeps it: which document it belongs to and what it says. */
export interface IndexedPassage {
  docIndex: number;
  text: string;
  context: string | null;
  headline?: boolean;
  /** Block and sentence of the passage in its document (see PassageLayout), when known. */
  item?: number;
  sentence?: number;
  section?: number;
  label?: string | null;
  lead?: string | null;
}

export interface SearchOptions {
  /** Only passages of documents whose entry is 1 are scored; null searches everything. */
  documentMask?: Uint8Array | null;
  /** How many hits to return, best first. */
  limit: number;
  /** Per-term multipliers, same order as the terms (1 when absent). */
  weights?: readonly number[];
}

export interface SearchHit {
  passageId: number;
  score: number;
  /** Bit i is set when query term i occurs in the passage (first 32 terms). */
  matched: number;
}

/** BM25+ parameters: the usual k1 and b, and BM25+'s floor so long passages still earn for a match. */
const K1 = 1.2;
const B = 0.75;
const DELTA = 0.5;
/** Postings between two skip entries: a search narrowed to a few documents enters a term's postings there. */
const SKIP_INTERVAL = 128;
/** Masked searches of one query before it is scored over everything and kept. */
const MASKED_REPEATS_BEFORE_COMPLETE = 4;

/**
 * Collects passages one at a time (their search terms are counted and written out as postings at once,
 * so the passage itself need not be kept) and builds the index over them.
 */
export class PassageIndexBuilder {
  private readonly dictionary = new TermDictionary();
  private readonly postings = new PostingsWriter();
  private lengths = new Uint16Array(1024);
  private docs = new Uint32Array(1024);
  private count = 0;
  private lengthSum = 0;
  /** Per term: the last passage it was seen in and its count there, so no per-passage map is allocated. */
  private lastSeen = new Int32Array(1024).fill(-1);
  private counts = new Uint32Array(1024);
  private readonly distinct: number[] = [];
  private tokenIds = new Int32Array(256);
  private built = false;

  get size(): number {
    return this.count;
  }

  /** The numbers of some tokens, for passing the same leading tokens (a shared context) to several `add`s. */
  tokenNumbers(tokens: readonly string[]): Int32Array {
    const numbers = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) numbers[i] = this.dictionary.token(tokens[i]!);
    return numbers;
  }

  /**
   * Adds the next passage, given by the tokens of its search text (see indexTerms and passageSearchText):
   * `leading` (already numbered, usually its context's) followed by `tokens`.
   */
  add(docIndex: number, tokens: readonly string[], leading: Int32Array | null = null): void {
    if (this.built) throw new Error('the index is already built');
    const passageId = this.count++;
    if (passageId >= 0x40000000) throw new RangeError('too many passages for one index');
    if (passageId === this.lengths.length) {
      this.lengths = grow(this.lengths, this.lengths.length * 2);
      this.docs = grow(this.docs, this.docs.length * 2);
    }
    const { dictionary } = this;
    const first = leading ? leading.length : 0;
    const total = first + tokens.length;
    if (total > this.tokenIds.length) this.tokenIds = new Int32Array(total * 2);
    const ids = this.tokenIds;
    if (leading) ids.set(leading);
    for (let i = 0; i < tokens.length; i++) ids[first + i] = dictionary.token(tokens[i]!);
    // The same terms as indexTerms(): content syllables, and bigrams of adjacent syllables unless both are
    // function words.
    this.distinct.length = 0;
    let length = 0;
    for (let i = 0; i < total; i++) {
      const token = ids[i]!;
      const stop = dictionary.isStopword(token);
      if (!stop) {
        this.countTerm(dictionary.unigram(token), passageId);
        length++;
      }
      if (i + 1 < total && !(stop && dictionary.isStopword(ids[i + 1]!))) {
        this.countTerm(dictionary.bigram(token, ids[i + 1]!), passageId);
        length++;
      }
    }
    for (const term of this.distinct) this.postings.add(term, passageId, Math.min(this.counts[term]!, 0xffff));
    this.lengths[passageId] = Math.min(length, 0xffff);
    this.docs[passageId] = docIndex;
    this.lengthSum += length;
  }

  private countTerm(term: number, passageId: number): void {
    if (term >= this.lastSeen.length) {
      const size = Math.max(term + 1, this.lastSeen.length * 2);
      const seen = new Int32Array(size).fill(-1);
      seen.set(this.lastSeen);
      this.lastSeen = seen;
      this.counts = grow(this.counts, size);
    }
    if (this.lastSeen[term] !== passageId) {
      this.lastSeen[term] = passageId;
      this.counts[term] = 0;
      this.distinct.push(term);
    }
    this.counts[term]!++;
  }

  /** The index; `passages` must hold the added passages in the order they were added. */
  build(passages: readonly IndexedPassage[]): PassageIndex {
    if (this.built) throw new Error('the index is already built');
    if (passages.length !== this.count) throw new RangeError(`expected ${this.count} passages, got ${passages.length}`);
    const { bytes, starts, frequencies } = this.postings.finish(this.dictionary.termCount);
    const index = new PassageIndex({
      passages,
      dictionary: this.dictionary,
      postings: bytes,
      postingStarts: starts,
      documentFrequencies: frequencies,
      lengths: this.lengths.slice(0, this.count),
      passageDocs: this.docs.slice(0, this.count),
      averageLength: this.count > 0 ? this.lengthSum / this.count : 1,
    });
    // The builder may outlive the build (a caller's closure): it keeps nothing it no longer needs.
    this.lastSeen = new Int32Array(0);
    this.counts = new Uint32Array(0);
    this.lengths = new Uint16Array(0);
    this.docs = new Uint32Array(0);
    this.built = true;
    return index;
  }
}

interface IndexParts {
  passages: readonly IndexedPassage[];
  dictionary: TermDictionary;
  postings: Uint8Array;
  postingStarts: Uint32Array;
  documentFrequencies: Uint32Array;
  lengths: Uint16Array;
  passageDocs: Uint32Array;
  averageLength: number;
}

/** A term of a query, resolved: its postings and what each of its matches adds to a passage's score. */
interface QueryTerm {
  id: number;
  weight: number;
  bit: number;
}

/**
 * An inverted index over passages with BM25+ ranking. Terms are numbered by a dictionary that keeps each
 * syllable once and a bigram as a pair of syllable numbers; postings are delta-coded varints in one byte
 * array (about 1.3 bytes a posting instead of 6), so memory grows with the text and not with per-entry
 * objects, and a search touches only the passages that contain a query term. A search narrowed to a few
 * documents enters each term's postings at those documents through skip entries instead of reading them all.
 *
 * The last query's scores are kept until the next different one: the same question asked of one document
 * after another then reads the scores instead of the postings.
 */
export class PassageIndex {
  readonly passages: readonly IndexedPassage[];
  private readonly count: number;
  private readonly dictionary: TermDictionary;
  private readonly postings: Uint8Array;
  private readonly postingStarts: Uint32Array;
  private readonly documentFrequencies: Uint32Array;
  /** Term t's skip entries are [skipStarts[t], skipStarts[t + 1]): every SKIP_INTERVAL-th posting's byte, and the passage before it. */
  private readonly skipStarts: Uint32Array;
  private readonly skipOffsets: Uint32Array;
  private readonly skipPassages: Uint32Array;
  private readonly lengths: Uint16Array;
  private readonly averageLength: number;
  private readonly passageDocs: Uint32Array;
  /** Passages of document d are [documentStarts[d], documentStarts[d + 1]) when passages come in document order. */
  private readonly documentStarts: Uint32Array | null;
  /** BM25+'s length normalisation, and its whole term for a frequency of 1 (nine postings in ten), by passage length. */
  private tables: { norms: Float64Array; singleTerms: Float64Array } | null = null;
  /** Scratch buffers reused by every search: searches are synchronous, so one set is enough. */
  private scratch: { scores: Float64Array; masks: Uint32Array; touched: Uint32Array } | null = null;
  private touchedCount = 0;
  /** Passage ranges [from, until) of the documents a mask keeps, in pairs. */
  private ranges = new Uint32Array(64);
  /** Where the last scoreRange stopped: the passage before the posting it returned. */
  private rangePassage = -1;
  /** The query the scratch buffers hold, and whether they hold every passage or only a masked subset. */
  private cachedTerms: readonly string[] = [];
  private cachedWeights: number[] = [];
  private cacheValid = false;
  private cacheComplete = false;
  /** How many masked searches in a row had the cached query. */
  private maskedRepeats = 0;

  constructor(parts: IndexParts) {
    this.passages = parts.passages;
    this.count = parts.lengths.length;
    this.dictionary = parts.dictionary;
    this.postings = parts.postings;
    this.postingStarts = parts.postingStarts;
    this.documentFrequencies = parts.documentFrequencies;
    const skips = skipEntries(parts.postings, parts.postingStarts, parts.documentFrequencies);
    this.skipStarts = skips.starts;
    this.skipOffsets = skips.offsets;
    this.skipPassages = skips.passages;
    this.lengths = parts.lengths;
    this.passageDocs = parts.passageDocs;
    this.averageLength = parts.averageLength;
    this.documentStarts = documentStartsOf(parts.passageDocs);
  }

  static build(passages: readonly IndexedPassage[]): PassageIndex {
    const builder = new PassageIndexBuilder();
    for (const passage of passages) builder.add(passage.docIndex, tokenize(passageSearchText(passage)));
    return builder.build(passages);
  }

  get size(): number {
    return this.count;
  }

  /** Inverse document frequency of a term; an unknown term gets the highest value, as if seen nowhere. */
  idf(term: string): number {
    const df = this.documentFrequency(term);
    return Math.log(1 + (this.count - df + 0.5) / (df + 0.5));
  }

  /** How many passages contain the term. */
  documentFrequency(term: string): number {
    const id = this.dictionary.find(term);
    return id < 0 ? 0 : this.documentFrequencies[id]!;
  }

  search(terms: readonly string[], options: SearchOptions): SearchHit[] {
    const { documentMask = null, limit } = options;
    const weights = terms.map((_, i) => options.weights?.[i] ?? 1);
    const sameQuery =
      this.cacheValid && sameStrings(terms, this.cachedTerms) && sameNumbers(weights, this.cachedWeights);
    if (sameQuery && this.cacheComplete) return this.best(limit, documentMask);
    // A masked query scores only its documents; asked again and again with other masks (one document after
    // another), it is worth scoring everything once and answering each further mask from that.
    this.maskedRepeats = sameQuery ? this.maskedRepeats + 1 : 0;
    const complete = !documentMask || this.maskedRepeats >= MASKED_REPEATS_BEFORE_COMPLETE;
    this.accumulate(this.resolve(terms, weights), complete ? null : documentMask);
    this.cachedTerms = [...terms];
    this.cachedWeights = weights;
    this.cacheValid = true;
    this.cacheComplete = complete;
    // Only masked-in passages were scored when the search was not complete.
    return this.best(limit, complete ? documentMask : null);
  }

  /** The query's terms found in the index with a positive weight, in query order (which decides ties). */
  private resolve(terms: readonly string[], weights: readonly number[]): QueryTerm[] {
    const resolved: QueryTerm[] = [];
    terms.forEach((term, i) => {
      const id = this.dictionary.find(term);
      if (id < 0) return;
      const df = this.documentFrequencies[id]!;
      const weight = weights[i]! * Math.log(1 + (this.count - df + 0.5) / (df + 0.5));
      if (weight > 0) resolved.push({ id, weight, bit: i < 32 ? 1 << i : 0 });
    });
    return resolved;
  }

  /**
   * Scores every passage holding a query term, or only those of masked-in documents: read as passage ranges
   * when the mask keeps a few documents, each term's postings entered at each range through its skip entries.
   * Passages are touched term by term, in passage order within a term, whichever way is taken.
   */
  private accumulate(terms: readonly QueryTerm[], documentMask: Uint8Array | null): void {
    this.reset();
    if (!documentMask) {
      for (const term of terms) this.scoreAll(term);
      return;
    }
    const rangeCount = this.rangesOf(documentMask);
    for (const term of terms) {
      const skips = this.skipStarts[term.id + 1]! - this.skipStarts[term.id]!;
      if (rangeCount < 0 || rangeCount * (Math.log2(skips + 1) + SKIP_INTERVAL) >= this.documentFrequencies[term.id]!) {
        this.scoreMasked(term, documentMask);
        continue;
      }
      let at = this.postingStarts[term.id]!;
      const end = this.postingStarts[term.id + 1]!;
      let passageId = -1;
      for (let r = 0; r < rangeCount && at < end; r++) {
        const from = this.ranges[2 * r]!;
        const entry = this.skipBefore(term.id, from);
        if (entry >= 0 && this.skipPassages[entry]! > passageId) {
          at = this.skipOffsets[entry]!;
          passageId = this.skipPassages[entry]!;
        }
        at = this.scoreRange(term, at, end, passageId, from, this.ranges[2 * r + 1]!);
        passageId = this.rangePassage;
      }
    }
  }

  /** Every posting of a term: the unnarrowed search, kept as tight as it can be. */
  private scoreAll({ id, weight, bit }: QueryTerm): void {
    const { postings, lengths } = this;
    const { scores, masks, touched } = this.buffers();
    const { norms, singleTerms } = this.lengthTables();
    let touchedCount = this.touchedCount;
    let at = this.postingStarts[id]!;
    const end = this.postingStarts[id + 1]!;
    let passageId = -1;
    while (at < end) {
      // Varint of (gap << 1 | frequency > 1), then the frequency itself when it is not 1.
      let value = postings[at++]!;
      if (value & 0x80) {
        value &= 0x7f;
        let shift = 7;
        let byte: number;
        do {
          byte = postings[at++]!;
          value |= (byte & 0x7f) << shift;
          shift += 7;
        } while (byte & 0x80);
      }
      passageId += value >>> 1;
      let contribution: number;
      if (value & 1) {
        let frequency = postings[at++]!;
        if (frequency & 0x80) {
          frequency &= 0x7f;
          let shift = 7;
          let byte: number;
          do {
            byte = postings[at++]!;
            frequency |= (byte & 0x7f) << shift;
            shift += 7;
          } while (byte & 0x80);
        }
        contribution = (frequency * (K1 + 1)) / (frequency + norms[lengths[passageId]!]!) + DELTA;
      } else {
        contribution = singleTerms[lengths[passageId]!]!;
      }
      // Written every time, kept only for a first touch: no branch to mispredict.
      const score = scores[passageId]!;
      touched[touchedCount] = passageId;
      touchedCount += score === 0 ? 1 : 0;
      scores[passageId] = score + weight * contribution;
      masks[passageId]! |= bit;
    }
    this.touchedCount = touchedCount;
  }

  /** Every posting of a term, scoring those of masked-in documents. */
  private scoreMasked(term: QueryTerm, documentMask: Uint8Array): void {
    this.scoreSpan(
      term,
      this.postingStarts[term.id]!,
      this.postingStarts[term.id + 1]!,
      -1,
      0,
      0x7fffffff,
      documentMask,
    );
  }

  /** The postings of passages in [from, until), from byte `at`; returns where the next posting starts. */
  private scoreRange(term: QueryTerm, at: number, end: number, previous: number, from: number, until: number): number {
    return this.scoreSpan(term, at, end, previous, from, until, null);
  }

  /**
   * Decodes postings from byte `start` (the passage before it being `previous`) and scores those in
   * [from, until) that pass the mask. Stops before the first posting at or past `until`.
   */
  private scoreSpan(
    { weight, bit }: QueryTerm,
    start: number,
    end: number,
    previous: number,
    from: number,
    until: number,
    documentMask: Uint8Array | null,
  ): number {
    const { postings, lengths, passageDocs } = this;
    const { scores, masks, touched } = this.buffers();
    const { norms, singleTerms } = this.lengthTables();
    let touchedCount = this.touchedCount;
    let at = start;
    let passageId = previous;
    while (at < end) {
      const before = at;
      let value = postings[at++]!;
      if (value & 0x80) {
        value &= 0x7f;
        let shift = 7;
        let byte: number;
        do {
          byte = postings[at++]!;
          value |= (byte & 0x7f) << shift;
          shift += 7;
        } while (byte & 0x80);
      }
      const next = passageId + (value >>> 1);
      if (next >= until) {
        at = before;
        break;
      }
      passageId = next;
      if (passageId < from || (documentMask !== null && documentMask[passageDocs[passageId]!] !== 1)) {
        if (value & 1) while (postings[at++]! & 0x80);
        continue;
      }
      let contribution: number;
      if (value & 1) {
        let frequency = postings[at++]!;
        if (frequency & 0x80) {
          frequency &= 0x7f;
          let shift = 7;
          let byte: number;
          do {
            byte = postings[at++]!;
            frequency |= (byte & 0x7f) << shift;
            shift += 7;
          } while (byte & 0x80);
        }
        contribution = (frequency * (K1 + 1)) / (frequency + norms[lengths[passageId]!]!) + DELTA;
      } else {
        contribution = singleTerms[lengths[passageId]!]!;
      }
      if (scores[passageId] === 0) touched[touchedCount++] = passageId;
      scores[passageId]! += weight * contribution;
      masks[passageId]! |= bit;
    }
    this.touchedCount = touchedCount;
    this.rangePassage = passageId;
    return at;
  }

  /** The last skip entry of a term whose passage is before `passageId`, or -1. */
  private skipBefore(term: number, passageId: number): number {
    let low = this.skipStarts[term]!;
    let high = this.skipStarts[term + 1]! - 1;
    if (high < low || this.skipPassages[low]! >= passageId) return -1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.skipPassages[middle]! < passageId) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /**
   * The passage ranges of the documents a mask keeps, merged, into `ranges`; their number, or -1 when the
   * mask keeps too much for ranges to pay (or passages are not in document order).
   */
  private rangesOf(documentMask: Uint8Array): number {
    const starts = this.documentStarts;
    if (!starts) return -1;
    const documents = Math.min(documentMask.length, starts.length - 1);
    let count = 0;
    let passages = 0;
    for (
      let d = nextSelected(documentMask, 0, documents);
      d < documents;
      d = nextSelected(documentMask, d + 1, documents)
    ) {
      const from = starts[d]!;
      const until = starts[d + 1]!;
      if (from === until) continue;
      passages += until - from;
      if (passages * 4 > this.count) return -1;
      if (count > 0 && this.ranges[2 * count - 1] === from) {
        this.ranges[2 * count - 1] = until;
        continue;
      }
      if (2 * count + 2 > this.ranges.length) this.ranges = grow(this.ranges, this.ranges.length * 2);
      this.ranges[2 * count] = from;
      this.ranges[2 * count + 1] = until;
      count++;
    }
    return count;
  }

  /** The best touched passages, in the order they were touched, optionally only those of masked-in documents. */
  private best(limit: number, documentMask: Uint8Array | null): SearchHit[] {
    const best = new TopK<SearchHit>(limit, (hit) => hit.score);
    if (this.touchedCount === 0) return best.sorted();
    const { passageDocs } = this;
    const { scores, masks, touched } = this.buffers();
    for (let i = 0; i < this.touchedCount; i++) {
      const passageId = touched[i]!;
      if (documentMask && documentMask[passageDocs[passageId]!] !== 1) continue;
      const score = scores[passageId]!;
      if (best.accepts(score)) best.offer({ passageId, score, matched: masks[passageId]! >>> 0 });
    }
    return best.sorted();
  }

  private reset(): void {
    if (this.touchedCount > 0) {
      const { scores, masks, touched } = this.buffers();
      for (let i = 0; i < this.touchedCount; i++) {
        const passageId = touched[i]!;
        scores[passageId] = 0;
        masks[passageId] = 0;
      }
    }
    this.touchedCount = 0;
    this.cacheValid = false;
  }

  /**
   * Allocated at the first search, so a base that is built and replaced before being asked costs nothing
   * more. `touched` has room for every passage, so filling it needs no check.
   */
  private buffers(): { scores: Float64Array; masks: Uint32Array; touched: Uint32Array } {
    this.scratch ??= {
      scores: new Float64Array(this.count),
      masks: new Uint32Array(this.count),
      touched: new Uint32Array(this.count),
    };
    return this.scratch;
  }

  /** BM25+'s arithmetic per posting, done once per passage length. */
  private lengthTables(): { norms: Float64Array; singleTerms: Float64Array } {
    if (!this.tables) {
      let longest = 0;
      for (const length of this.lengths) if (length > longest) longest = length;
      const norms = new Float64Array(longest + 1);
      const singleTerms = new Float64Array(longest + 1);
      for (let length = 0; length <= longest; length++) {
        const norm = K1 * (1 - B + (B * length) / this.averageLength);
        norms[length] = norm;
        singleTerms[length] = (1 * (K1 + 1)) / (1 + norm) + DELTA;
      }
      this.tables = { norms, singleTerms };
    }
    return this.tables;
  }
}

/** What a passage is found by: its context (headings, lead-in) and its text. */
export function passageSearchText(passage: { text: string; context: string | null }): string {
  return passage.context ? `${passage.context}. ${passage.text}` : passage.text;
}

/** The first document at or after `from` whose mask entry is 1, or `end`; skips empty stretches eight at a time. */
function nextSelected(mask: Uint8Array, from: number, end: number): number {
  let d = from;
  if (mask.byteOffset % 8 === 0) {
    while (d < end && d % 8 !== 0) {
      if (mask[d] === 1) return d;
      d++;
    }
    const words = new Float64Array(mask.buffer, mask.byteOffset, end >>> 3);
    // Eight zero bytes read as 0 (or -0, which holds no 1 either).
    let word = d >>> 3;
    while (word < words.length && words[word] === 0) word++;
    d = Math.max(d, word * 8);
  }
  for (; d < end; d++) if (mask[d] === 1) return d;
  return end;
}

/** Skip entries for every term with more than one interval of postings (see PassageIndex.skipStarts). */
function skipEntries(postings: Uint8Array, postingStarts: Uint32Array, frequencies: Uint32Array) {
  const terms = frequencies.length;
  const starts = new Uint32Array(terms + 1);
  let total = 0;
  for (let term = 0; term < terms; term++) {
    starts[term] = total;
    total += Math.floor(Math.max(0, frequencies[term]! - 1) / SKIP_INTERVAL);
  }
  starts[terms] = total;
  const offsets = new Uint32Array(total);
  const passages = new Uint32Array(total);
  for (let term = 0; term < terms; term++) {
    let entry = starts[term]!;
    if (entry === starts[term + 1]) continue;
    let at = postingStarts[term]!;
    const end = postingStarts[term + 1]!;
    let passageId = -1;
    for (let posting = 0; at < end; posting++) {
      if (posting > 0 && posting % SKIP_INTERVAL === 0) {
        offsets[entry] = at;
        passages[entry++] = passageId;
      }
      let value = 0;
      let shift = 0;
      let byte: number;
      do {
        byte = postings[at++]!;
        value |= (byte & 0x7f) << shift;
        shift += 7;
      } while (byte & 0x80);
      passageId += value >>> 1;
      if (value & 1) while (postings[at++]! & 0x80);
    }
  }
  return { starts, offsets, passages };
}

function documentStartsOf(passageDocs: Uint32Array): Uint32Array | null {
  const count = passageDocs.length;
  if (count === 0) return new Uint32Array(1);
  for (let p = 1; p < count; p++) if (passageDocs[p]! < passageDocs[p - 1]!) return null;
  const documents = passageDocs[count - 1]! + 1;
  const starts = new Uint32Array(documents + 1);
  let p = 0;
  for (let d = 0; d <= documents; d++) {
    while (p < count && passageDocs[p]! < d) p++;
    starts[d] = p;
  }
  return starts;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function grow<T extends Uint32Array | Uint16Array>(array: T, size: number): T {
  const larger = new (array.constructor as new (size: number) => T)(size);
  larger.set(array);
  return larger;
}
