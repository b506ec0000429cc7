import { isStopword } from '../text/tokenize.ts';

/**
 * Numbers the terms of a passage index. Each syllable (token) is kept once as a string; a bigram is the
 * pair of its syllables' numbers in an open-addressing table, so indexing "dich vu" neither builds nor
 * hashes the string "dich vu", and a million bigrams cost three integers each instead of a string and
 * a map entry.
 */
export class TermDictionary {
  private readonly tokenIds = new Map<string, number>();
  /** Per token: 1 for a function word, which is indexed only inside bigrams. */
  private stopwords = new Uint8Array(256);
  /** Per token: its unigram's term number, or -1. */
  private unigramTerms = new Int32Array(256).fill(-1);
  private pairFirst = new Int32Array(1024);
  private pairSecond = new Int32Array(1024);
  /** Term number of each slot, -1 for an empty slot. */
  private pairTerms = new Int32Array(1024).fill(-1);
  private pairCount = 0;
  private terms = 0;

  get termCount(): number {
    return this.terms;
  }

  /** The number of a token, given one if it is new. */
  token(text: string): number {
    let id = this.tokenIds.get(text);
    if (id === undefined) {
      id = this.tokenIds.size;
      this.tokenIds.set(text, id);
      if (id === this.stopwords.length) {
        this.stopwords = growBytes(this.stopwords, id * 2);
        const unigrams = new Int32Array(id * 2).fill(-1);
        unigrams.set(this.unigramTerms);
        this.unigramTerms = unigrams;
      }
      this.stopwords[id] = isStopword(text) ? 1 : 0;
    }
    return id;
  }

  isStopword(token: number): boolean {
    return this.stopwords[token] === 1;
  }

  /** The term number of a token's unigram, given one if it is new. */
  unigram(token: number): number {
    let term = this.unigramTerms[token]!;
    if (term < 0) {
      term = this.terms++;
      this.unigramTerms[token] = term;
    }
    return term;
  }

  /** The term number of the bigram "first second", given one if it is new. */
  bigram(first: number, second: number): number {
    const slot = this.slotOf(first, second);
    let term = this.pairTerms[slot]!;
    if (term < 0) {
      term = this.terms++;
      this.pairFirst[slot] = first;
      this.pairSecond[slot] = second;
      this.pairTerms[slot] = term;
      if (++this.pairCount * 2 > this.pairTerms.length) this.growPairs();
    }
    return term;
  }

  /** The term number of a term as indexTerms() writes it ("dich", "dich vu"), or -1 when never indexed. */
  find(term: string): number {
    const space = term.indexOf(' ');
    if (space < 0) {
      const token = this.tokenIds.get(term);
      return token === undefined ? -1 : this.unigramTerms[token]!;
    }
    // Tokens never contain a space, so a bigram has exactly one.
    if (term.indexOf(' ', space + 1) >= 0) return -1;
    const first = this.tokenIds.get(term.slice(0, space));
    const second = this.tokenIds.get(term.slice(space + 1));
    if (first === undefined || second === undefined) return -1;
    return this.pairTerms[this.slotOf(first, second)]!;
  }

  /** The slot holding the pair, or the empty slot where it would go. */
  private slotOf(first: number, second: number): number {
    const mask = this.pairTerms.length - 1;
    let slot = hashPair(first, second) & mask;
    while (this.pairTerms[slot] !== -1 && (this.pairFirst[slot] !== first || this.pairSecond[slot] !== second)) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private growPairs(): void {
    const { pairFirst, pairSecond, pairTerms } = this;
    const size = pairTerms.length * 2;
    this.pairFirst = new Int32Array(size);
    this.pairSecond = new Int32Array(size);
    this.pairTerms = new Int32Array(size).fill(-1);
    for (let slot = 0; slot < pairTerms.length; slot++) {
      const term = pairTerms[slot]!;
      if (term < 0) continue;
      const at = this.slotOf(pairFirst[slot]!, pairSecond[slot]!);
      this.pairFirst[at] = pairFirst[slot]!;
      this.pairSecond[at] = pairSecond[slot]!;
      this.pairTerms[at] = term;
    }
  }
}

function hashPair(first: number, second: number): number {
  let h = Math.imul(first, 0x9e3779b1) ^ Math.imul(second + 0x7f4a7c15, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}

function growBytes(array: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const larger = new Uint8Array(size);
  larger.set(array);
  return larger;
}
