import type { IndexedPassage } from './passage-index.ts';

/**
 * Passages kept per generation of the cache (two generations): about 12 MB each, enough for the documents
 * of a few hundred recent answers, so a question about many documents seldom splits them again.
 */
const GENERATION_PASSAGES = 32_768;

/**
 * The passages of a knowledge base as a read-only array that holds none of them: passage i is found in its
 * document by `passageStarts` and made by splitting that document again (splitting is deterministic), with
 * the documents most recently asked for kept. A hundred thousand documents make millions of passages, and
 * holding each as an object with its own strings would cost more than the documents themselves; a question
 * only ever reads a few dozen of them.
 */
// Long (about 65 lines) on purpose: the cache generations and the Proxy share one closure, which is what
// keeps per-passage objects out of memory; split apart they would need the state passed around.
export function lazyPassages(
  passageStarts: Uint32Array,
  passagesOf: (docIndex: number) => IndexedPassage[],
): readonly IndexedPassage[] {
  const documents = passageStarts.length - 1;
  const count = documents >= 0 ? passageStarts[documents]! : 0;
  // Two generations of cached documents: a lookup promotes, and a full young generation replaces the old.
  let young = new Map<number, IndexedPassage[]>();
  let old = new Map<number, IndexedPassage[]>();
  let youngPassages = 0;

  function ofDocument(docIndex: number): IndexedPassage[] {
    let passages = young.get(docIndex);
    if (passages) return passages;
    passages = old.get(docIndex) ?? passagesOf(docIndex);
    if (youngPassages + passages.length > GENERATION_PASSAGES) {
      old = young;
      young = new Map();
      youngPassages = 0;
    }
    young.set(docIndex, passages);
    youngPassages += passages.length;
    return passages;
  }

  function at(id: number): IndexedPassage {
    // The last document starting at or before the passage (documents without passages share a start).
    let low = 0;
    let high = documents - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (passageStarts[middle]! <= id) low = middle;
      else high = middle - 1;
    }
    const passage = ofDocument(low)[id - passageStarts[low]!];
    if (!passage) throw new Error(`passage ${id} is not where the index put it: the document changed`);
    return passage;
  }

  // The target only gives the proxy an array's identity and length. Setting `length` would make the engine
  // allocate a slot per passage (23 MB for 2.9 million); one element at the end keeps the array sparse.
  const target: Array<IndexedPassage | undefined> = [];
  if (count > 0) target[count - 1] = undefined;
  return new Proxy(target as IndexedPassage[], {
    get(array, key, receiver) {
      const id = typeof key === 'string' ? arrayIndex(key) : -1;
      if (id >= 0) return id < count ? at(id) : undefined;
      return Reflect.get(array, key, receiver);
    },
    has(array, key) {
      const id = typeof key === 'string' ? arrayIndex(key) : -1;
      return id >= 0 ? id < count : Reflect.has(array, key);
    },
    getOwnPropertyDescriptor(array, key) {
      const id = typeof key === 'string' ? arrayIndex(key) : -1;
      if (id < 0) return Reflect.getOwnPropertyDescriptor(array, key);
      return id < count ? { value: at(id), writable: false, enumerable: true, configurable: true } : undefined;
    },
    ownKeys() {
      return [...Array.from({ length: count }, (_, id) => String(id)), 'length'];
    },
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}

/** The array index a property key names ("12" → 12), or -1. */
function arrayIndex(key: string): number {
  const length = key.length;
  if (length === 0 || length > 10) return -1;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = key.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9 || (digit === 0 && i === 0 && length > 1)) return -1;
    value = value * 10 + digit;
  }
  return value < 0xffffffff ? value : -1;
}
