import { indexTerms } from '../text/tokenize.ts';
import { TopK } from './top-k.ts';

/** A passage as the index keeps it: which document it belongs to and what it says. */
export interface IndexedPassage {
  docIndex: number;
  text: string;
  context: string | null;
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

  private constructor(passages: readonly IndexedPassage[], termIds: Map<string, number>, lists: Array<number[]>) {
    this.passages = passages;
    this.termIds = termIds;
    const count = passages.length;
    this.lengths = new Uint16Array(count);
    this.passageDocs = new Uint32Array(count);
    this.offsets = new Uint32Array(lists.length + 1);
    let total = 0;
    for (let t = 0; t < lists.length; t++) {
      this.offsets[t] = total;
      total += lists[t]!.length / 2;
    }
    this.offsets[lists.length] = total;
    this.postings = new Uint32Array(total);
    this.frequencies = new Uint16Array(total);
    let lengthSum = 0;
    for (let t = 0; t < lists.length; t++) {
      const list = lists[t]!;
      let at = this.offsets[t]!;
      for (let i = 0; i < list.length; i += 2) {
        const passageId = list[i]!;
        const frequency = list[i + 1]!;
        this.postings[at] = passageId;
        this.frequencies[at] = Math.min(frequency, 0xffff);
        this.lengths[passageId] = Math.min(this.lengths[passageId]! + frequency, 0xffff);
        lengthSum += frequency;
        at++;
      }
    }
    passages.forEach((passage, id) => (this.passageDocs[id] = passage.docIndex));
    this.averageLength = count > 0 ? lengthSum / count : 1;
    this.scores = new Float64Array(count);
    this.masks = new Uint32Array(count);
    this.touched = new Uint32Array(Math.min(count, 1024));
  }

  static build(passages: readonly IndexedPassage[]): PassageIndex {
    const termIds = new Map<string, number>();
    // Per term: [passageId, frequency, passageId, frequency, …] in passage order.
    const lists: Array<number[]> = [];
    const counts = new Map<number, number>();
    passages.forEach((passage, passageId) => {
      counts.clear();
      const text = passage.context ? `${passage.context}. ${passage.text}` : passage.text;
      for (const term of indexTerms(text)) {
        let id = termIds.get(term);
        if (id === undefined) {
          id = lists.length;
          termIds.set(term, id);
          lists.push([]);
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      for (const [id, frequency] of counts) lists[id]!.push(passageId, frequency);
    });
    return new PassageIndex(passages, termIds, lists);
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
