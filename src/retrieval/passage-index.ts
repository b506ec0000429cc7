import { indexTerms } from '../text/tokenize.ts';
import { TopK } from './top-k.ts';

/** A passage as the index keeps it: which document it belongs to and what it says. */
export interface IndexedPassage {
  docIndex: number;
  text: string;
  context: string | null;
  headline?: boolean;
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

/**
 * An inverted index over passages with BM25+ ranking. Postings live in flat typed arrays (passage id,
 * term frequency), so memory grows with the text and not with per-entry objects, and a search touches
 * only the passages that contain a query term.
 */
export class PassageIndex {
  readonly passages: readonly IndexedPassage[];
  private readonly termIds: Map<string, number>;
  private readonly offsets: Uint32Array;
  private readonly postings: Uint32Array;
  private readonly frequencies: Uint16Array;
  private readonly lengths: Uint16Array;
  private readonly averageLength: number;
  private readonly passageDocs: Uint32Array;
  /** Scratch buffers reused by every search: searches are synchronous, so one set is enough. */
  private readonly scores: Float64Array;
  private readonly masks: Uint32Array;
  private touched: Uint32Array;

  private constructor(passages: readonly IndexedPassage[], termIds: Map<string, number>, postings: PostingBuffer) {
    this.passages = passages;
    this.termIds = termIds;
    const count = passages.length;
    const termCount = termIds.size;
    const total = postings.length;
    // Counting sort of the (term, passage, frequency) triples by term: passages stay in ascending order.
    this.offsets = new Uint32Array(termCount + 1);
    for (let i = 0; i < total; i++) this.offsets[postings.terms[i]! + 1]!++;
    for (let t = 0; t < termCount; t++) this.offsets[t + 1]! += this.offsets[t]!;
    const cursor = this.offsets.slice(0, termCount);
    this.postings = new Uint32Array(total);
    this.frequencies = new Uint16Array(total);
    this.lengths = new Uint16Array(count);
    let lengthSum = 0;
    for (let i = 0; i < total; i++) {
      const at = cursor[postings.terms[i]!]!++;
      const passageId = postings.passages[i]!;
      const frequency = postings.frequencies[i]!;
      this.postings[at] = passageId;
      this.frequencies[at] = Math.min(frequency, 0xffff);
      this.lengths[passageId] = Math.min(this.lengths[passageId]! + frequency, 0xffff);
      lengthSum += frequency;
    }
    this.passageDocs = new Uint32Array(count);
    passages.forEach((passage, id) => (this.passageDocs[id] = passage.docIndex));
    this.averageLength = count > 0 ? lengthSum / count : 1;
    this.scores = new Float64Array(count);
    this.masks = new Uint32Array(count);
    this.touched = new Uint32Array(Math.min(count, 1024));
  }

  static build(passages: readonly IndexedPassage[]): PassageIndex {
    const termIds = new Map<string, number>();
    const postings = new PostingBuffer();
    // Per term: the last passage it was seen in and its count there, so no per-passage map is allocated.
    let lastSeen = new Int32Array(1024).fill(-1);
    let counts = new Uint32Array(1024);
    const distinct: number[] = [];
    passages.forEach((passage, passageId) => {
      distinct.length = 0;
      const text = passage.context ? `${passage.context}. ${passage.text}` : passage.text;
      for (const term of indexTerms(text)) {
        let id = termIds.get(term);
        if (id === undefined) {
          id = termIds.size;
          termIds.set(term, id);
          if (id >= lastSeen.length) {
            const grownSeen = new Int32Array(lastSeen.length * 2).fill(-1);
            grownSeen.set(lastSeen);
            lastSeen = grownSeen;
            const grownCounts = new Uint32Array(counts.length * 2);
            grownCounts.set(counts);
            counts = grownCounts;
          }
        }
        if (lastSeen[id] !== passageId) {
          lastSeen[id] = passageId;
          counts[id] = 0;
          distinct.push(id);
        }
        counts[id]!++;
      }
      for (const id of distinct) postings.push(id, passageId, counts[id]!);
    });
    return new PassageIndex(passages, termIds, postings);
  }

  get size(): number {
    return this.passages.length;
  }

  /** Inverse document frequency of a term; an unknown term gets the highest value, as if seen nowhere. */
  idf(term: string): number {
    const id = this.termIds.get(term);
    const df = id === undefined ? 0 : this.offsets[id + 1]! - this.offsets[id]!;
    return Math.log(1 + (this.passages.length - df + 0.5) / (df + 0.5));
  }

  /** How many passages contain the term. */
  documentFrequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.offsets[id + 1]! - this.offsets[id]!;
  }

  search(terms: readonly string[], options: SearchOptions): SearchHit[] {
    const { documentMask = null, limit, weights } = options;
    let touchedCount = 0;
    terms.forEach((term, i) => {
      const id = this.termIds.get(term);
      if (id === undefined) return;
      const start = this.offsets[id]!;
      const end = this.offsets[id + 1]!;
      const idf = Math.log(1 + (this.passages.length - (end - start) + 0.5) / (end - start + 0.5));
      const weight = (weights?.[i] ?? 1) * idf;
      if (!(weight > 0)) return;
      const bit = i < 32 ? 1 << i : 0;
      for (let at = start; at < end; at++) {
        const passageId = this.postings[at]!;
        if (documentMask && documentMask[this.passageDocs[passageId]!] !== 1) continue;
        const frequency = this.frequencies[at]!;
        const norm = K1 * (1 - B + (B * this.lengths[passageId]!) / this.averageLength);
        if (this.scores[passageId] === 0) {
          if (touchedCount === this.touched.length) this.growTouched();
          this.touched[touchedCount++] = passageId;
        }
        this.scores[passageId]! += weight * ((frequency * (K1 + 1)) / (frequency + norm) + DELTA);
        this.masks[passageId]! |= bit;
      }
    });
    const best = new TopK<SearchHit>(limit, (hit) => hit.score);
    for (let i = 0; i < touchedCount; i++) {
      const passageId = this.touched[i]!;
      const score = this.scores[passageId]!;
      if (best.accepts(score)) best.offer({ passageId, score, matched: this.masks[passageId]! >>> 0 });
      this.scores[passageId] = 0;
      this.masks[passageId] = 0;
    }
    return best.sorted();
  }

  private growTouched(): void {
    const larger = new Uint32Array(Math.max(16, this.touched.length * 2));
    larger.set(this.touched);
    this.touched = larger;
  }
}

/** Growable parallel arrays of (term, passage, frequency) collected while building. */
class PostingBuffer {
  terms: Uint32Array<ArrayBuffer> = new Uint32Array(4096);
  passages: Uint32Array<ArrayBuffer> = new Uint32Array(4096);
  frequencies: Uint32Array<ArrayBuffer> = new Uint32Array(4096);
  length = 0;

  push(term: number, passage: number, frequency: number): void {
    if (this.length === this.terms.length) {
      const grow = (array: Uint32Array): Uint32Array<ArrayBuffer> => {
        const larger = new Uint32Array(array.length * 2);
        larger.set(array);
        return larger;
      };
      this.terms = grow(this.terms);
      this.passages = grow(this.passages);
      this.frequencies = grow(this.frequencies);
    }
    this.terms[this.length] = term;
    this.passages[this.length] = passage;
    this.frequencies[this.length] = frequency;
    this.length++;
  }
}
