/** Postings collected before they are sorted by term: about 20 MB of scratch whatever the index size. */
const SEGMENT_POSTINGS = 1 << 21;

/**
 * One batch of postings sorted by term and compressed. Each term's part starts with its first passage
 * coded as a gap from -1, so batches are joined by re-coding that one posting against the previous
 * batch's last passage.
 */
interface Segment {
  /** Where the segment starts in the writer's pool of compressed bytes. */
  start: number;
  /** Terms in ascending order, one part each. */
  terms: Uint32Array;
  /** End of each part in the pool (a part starts where the previous one ends). */
  ends: Uint32Array;
  lastPassages: Uint32Array;
}

export interface Postings {
  /** Per term, ascending passages as varints of (gap << 1 | frequency > 1), each followed by its frequency when above 1. */
  bytes: Uint8Array;
  /** Term t's postings are bytes[starts[t], starts[t + 1]). */
  starts: Uint32Array;
  /** Per term, how many passages hold it. */
  frequencies: Uint32Array;
}

/**
 * Turns (term, passage, frequency) triples, given in passage order, into compressed postings grouped by
 * term. Triples are sorted and compressed a batch at a time, so building never holds more than one batch
 * uncompressed; the batches are then joined term by term.
 */
export class PostingsWriter {
  private terms = new Uint32Array(4096);
  private passages = new Uint32Array(4096);
  private frequencies = new Uint16Array(4096);
  private length = 0;
  private segments: Segment[] = [];
  /** Every segment's compressed bytes, back to back: one growing array rather than many to free later. */
  private pool = new Uint8Array(1 << 16);
  private poolSize = 0;
  private sortedPassages = new Uint32Array(0);
  private sortedFrequencies = new Uint16Array(0);
  private documentFrequencies = new Uint32Array(1024);
  private finished = false;

  /** Adds one posting; passages must come in ascending order, frequencies at most 0xffff. */
  add(term: number, passage: number, frequency: number): void {
    if (this.finished) throw new Error('postings are already finished');
    if (this.length === this.terms.length) {
      if (this.length >= SEGMENT_POSTINGS) {
        this.flush();
      } else {
        this.terms = grow(this.terms, this.length * 2);
        this.passages = grow(this.passages, this.length * 2);
        this.frequencies = grow(this.frequencies, this.length * 2);
      }
    }
    if (term >= this.documentFrequencies.length) {
      this.documentFrequencies = grow(
        this.documentFrequencies,
        Math.max(term + 1, this.documentFrequencies.length * 2),
      );
    }
    this.documentFrequencies[term]!++;
    this.terms[this.length] = term;
    this.passages[this.length] = passage;
    this.frequencies[this.length] = frequency;
    this.length++;
  }

  // About 60 lines: one pass lays out every posting list with its skips in a single buffer; split into
  // steps, each would walk the term table again.
  finish(termCount: number): Postings {
    if (this.finished) throw new Error('postings are already finished');
    this.flush();
    const previous = new Int32Array(termCount).fill(-1);
    const sizes = new Float64Array(termCount);
    const bytes = this.pool;
    for (const segment of this.segments) {
      let start = segment.start;
      for (let k = 0; k < segment.terms.length; k++) {
        const term = segment.terms[k]!;
        const end = segment.ends[k]!;
        const first = readVarint(bytes, start);
        const passage = (first.value >>> 1) - 1;
        sizes[term]! += varintSize((passage - previous[term]!) * 2 + (first.value & 1)) + end - first.next;
        previous[term] = segment.lastPassages[k]!;
        start = end;
      }
    }
    const starts = new Uint32Array(termCount + 1);
    let total = 0;
    for (let term = 0; term < termCount; term++) {
      starts[term] = total;
      total += sizes[term]!;
    }
    if (total > 0xffffffff) throw new RangeError('postings too large for one index');
    starts[termCount] = total;
    const out = new Uint8Array(total);
    const cursors = starts.slice(0, termCount);
    previous.fill(-1);
    for (const segment of this.segments) {
      let start = segment.start;
      for (let k = 0; k < segment.terms.length; k++) {
        const term = segment.terms[k]!;
        const end = segment.ends[k]!;
        const first = readVarint(bytes, start);
        const passage = (first.value >>> 1) - 1;
        let at = writeVarint(out, cursors[term]!, (passage - previous[term]!) * 2 + (first.value & 1));
        if (end - first.next > 32) {
          out.set(bytes.subarray(first.next, end), at);
          at += end - first.next;
        } else {
          for (let b = first.next; b < end; b++) out[at++] = bytes[b]!;
        }
        cursors[term] = at;
        previous[term] = segment.lastPassages[k]!;
        start = end;
      }
    }
    const frequencies = new Uint32Array(termCount);
    frequencies.set(this.documentFrequencies.subarray(0, Math.min(termCount, this.documentFrequencies.length)));
    // Only the result is kept: the writer holds no scratch once it has finished.
    this.segments = [];
    this.terms = new Uint32Array(0);
    this.passages = new Uint32Array(0);
    this.frequencies = new Uint16Array(0);
    this.documentFrequencies = new Uint32Array(0);
    this.pool = new Uint8Array(0);
    this.sortedPassages = new Uint32Array(0);
    this.sortedFrequencies = new Uint16Array(0);
    this.finished = true;
    return { bytes: out, starts, frequencies };
  }

  /** Sorts the collected triples by term (stably, so passages stay ascending) and compresses them. */
  private flush(): void {
    const { length, terms, passages, frequencies } = this;
    if (length === 0) return;
    let maxTerm = 0;
    for (let i = 0; i < length; i++) if (terms[i]! > maxTerm) maxTerm = terms[i]!;
    const ends = new Uint32Array(maxTerm + 1);
    for (let i = 0; i < length; i++) ends[terms[i]!]!++;
    let parts = 0;
    let sum = 0;
    for (let t = 0; t <= maxTerm; t++) {
      if (ends[t]! > 0) parts++;
      sum += ends[t]!;
      ends[t] = sum - ends[t]!;
    }
    // Counting sort: read the triples in order, write each passage and frequency straight to its place.
    if (this.sortedPassages.length < length) {
      this.sortedPassages = new Uint32Array(terms.length);
      this.sortedFrequencies = new Uint16Array(terms.length);
    }
    const { sortedPassages, sortedFrequencies } = this;
    for (let i = 0; i < length; i++) {
      const at = ends[terms[i]!]!++;
      sortedPassages[at] = passages[i]!;
      sortedFrequencies[at] = frequencies[i]!;
    }
    const start = this.poolSize;
    const segment: Segment = {
      start,
      terms: new Uint32Array(parts),
      ends: new Uint32Array(parts),
      lastPassages: new Uint32Array(parts),
    };
    let part = 0;
    let from = 0;
    let at = start;
    for (let term = 0; term <= maxTerm; term++) {
      const to = ends[term]!;
      if (to === from) continue;
      // At most five bytes for a gap and three for a frequency.
      if (at + (to - from) * 8 > this.pool.length)
        this.pool = grow(this.pool, Math.max(this.pool.length * 2, at + (to - from) * 8));
      const pool = this.pool;
      let previous = -1;
      for (let i = from; i < to; i++) {
        const passage = sortedPassages[i]!;
        const frequency = sortedFrequencies[i]!;
        at = writeVarint(pool, at, (passage - previous) * 2 + (frequency > 1 ? 1 : 0));
        if (frequency > 1) at = writeVarint(pool, at, frequency);
        previous = passage;
      }
      segment.terms[part] = term;
      segment.ends[part] = at;
      segment.lastPassages[part] = previous;
      part++;
      from = to;
    }
    this.poolSize = at;
    this.segments.push(segment);
    this.length = 0;
  }
}

function varintSize(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : value < 0x10000000 ? 4 : 5;
}

function writeVarint(bytes: Uint8Array, at: number, value: number): number {
  let rest = value;
  while (rest >= 0x80) {
    bytes[at++] = (rest & 0x7f) | 0x80;
    rest >>>= 7;
  }
  bytes[at++] = rest;
  return at;
}

/** The varint at `at` (gaps here stay below 2^31) and where the next one starts. */
function readVarint(bytes: Uint8Array, at: number): { value: number; next: number } {
  let next = at;
  let value = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = bytes[next++]!;
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return { value, next };
}

function grow<T extends Uint32Array | Uint16Array | Uint8Array>(array: T, size: number): T {
  const larger = new (array.constructor as new (size: number) => T)(size);
  larger.set(array);
  return larger;
}
