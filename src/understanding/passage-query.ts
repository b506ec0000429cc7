import type { KnowledgeBase } from '../search/knowledge-base.ts';
import { passageSearchText } from '../search/passage-index.ts';
import { isPortalLeftover, quotableText } from '../search/passage-units.ts';
import { conceptPhrasesIn } from '../text/concept-phrases.ts';
import { foldVietnamese } from '../text/normalize.ts';
import { isUnigram, queryTerms, tokenize } from '../text/tokenize.ts';
import { unique } from '../util/unique.ts';
import type { PassageMatch, ResolvedQuestion } from './grounding.ts';

/**
 * A question turned into a weighted search over passages, and the measure of how much of the question a
 * passage holds ("coverage"), which decides whether it answers at all.
 */

/** Weight of terms inherited from the previous question. */
const INHERITED_WEIGHT = 0.6;
/** Weight of terms that name the already chosen documents rather than a passage. */
const NAMING_WEIGHT = 0.1;
/** Headlines sum a document up; a body passage with the same words answers a precise question better. */
const HEADLINE_WEIGHT = 0.6;
/** Share of coverage carried by words outside the question's topic. */
const GENERIC_SHARE = 0.25;
const SEARCH_DEPTH = 12;

function maskOf(knowledge: KnowledgeBase, documents: readonly number[]): Uint8Array | null {
  if (documents.length === 0) return null;
  const mask = new Uint8Array(knowledge.documents.length);
  for (const docIndex of documents) mask[docIndex] = 1;
  return mask;
}

export interface Query {
  terms: string[];
  weights: number[];
  /** Positions (below 32) of the single-syllable terms that coverage is measured on, with their weights. */
  coverageTerms: Array<{ bit: number; weight: number; naming: boolean }>;
  /** Bits of terms to leave out, one set per alternative of an "A hoặc B" question. */
  alternativeExclusions: Array<Set<number>>;
  /**
   * For a question typed with diacritics: the accented syllables behind coverage bits ("ăn" behind "an"). A
   * passage holding the folded syllable only with other marks ("an toàn") does not hold what was asked.
   */
  accents: Array<{ bit: number; pattern: RegExp }>;
  /**
   * Topics the question names by a phrase of common syllables ("chữ ký số"): the coverage bits of its
   * syllables count only in a passage that writes the phrase.
   */
  concepts: Array<{ bits: number[]; phrase: string }>;
  /**
   * For a follow-up with a topic of its own ("hộ gia đình thì sao?"): that topic. Passages whose quote holds
   * it rank first, however many of the inherited words ("đào tạo, tập huấn cán bộ") another one holds.
   */
  ownTopic: string[];
}

/**
 * Terms that name the candidate documents themselves (their type, issuer, number): once the documents are
 * chosen, "Nghị quyết 16 của Ban thường vụ Tỉnh ủy" in a question says which document, not which passage.
 */
function documentNameTerms(knowledge: KnowledgeBase, documents: readonly number[]): Set<string> {
  const names = new Set<string>();
  for (const docIndex of documents) {
    const { type, issuer, number, implements: implemented, title } = knowledge.documents[docIndex]!.metadata;
    for (const part of [type, issuer, number, implemented, title]) {
      // Years in a title ("đến năm 2020") still say which target is meant, so they keep their weight.
      if (part) for (const term of queryTerms(part)) if (!/^\d{4}$/.test(term)) names.add(term);
    }
  }
  return names;
}

export function buildQuery(
  knowledge: KnowledgeBase,
  question: ResolvedQuestion,
  extraTerms: string[],
  documents: readonly number[],
): Query {
  const naming = documentNameTerms(knowledge, documents);
  const topic = new Set([...question.topicTerms, ...extraTerms]);
  // Only the first 32 terms get a coverage bit, so the ones that say what is asked go first.
  const priority = (term: string): number =>
    topic.has(term) ? 0 : isUnigram(term) && !naming.has(term) ? 1 : isUnigram(term) ? 2 : 3;
  const own = unique([...question.terms, ...extraTerms]).sort((a, b) => priority(a) - priority(b));
  const inherited = question.inheritedTerms.filter((term) => !own.includes(term));
  const terms = [...own, ...inherited];
  const weights = terms.map(
    (term, i) => (i < own.length ? 1 : INHERITED_WEIGHT) * (naming.has(term) ? NAMING_WEIGHT : 1),
  );
  // Coverage is measured on what the question is about: words like "quy hoạch", "tỷ lệ" count for little.
  const coverageTerms = terms.flatMap((term, bit) => {
    if (!isUnigram(term) || bit >= 32) return [];
    const share = bit >= own.length || topic.has(term) ? 1 : GENERIC_SHARE;
    return [{ bit, weight: knowledge.index.idf(term) * weights[bit]! * share, naming: naming.has(term) }];
  });
  const alternativeExclusions = question.alternatives.map(
    (_, side) =>
      new Set(
        question.alternatives
          .filter((__, other) => other !== side)
          .flat()
          .map((term) => terms.indexOf(term))
          .filter((bit) => bit >= 0),
      ),
  );
  return {
    terms,
    weights,
    coverageTerms,
    alternativeExclusions,
    accents: accentsOf(question.text, coverageTerms, terms, topic),
    concepts: conceptsOf(question.concepts, coverageTerms, terms),
    ownTopic: inherited.length > 0 ? question.topicTerms : [],
  };
}

function conceptsOf(
  concepts: readonly string[],
  coverageTerms: Query['coverageTerms'],
  terms: readonly string[],
): Query['concepts'] {
  return concepts.map((phrase) => {
    const syllables = new Set(phrase.split(' '));
    return { phrase, bits: coverageTerms.filter(({ bit }) => syllables.has(terms[bit]!)).map(({ bit }) => bit) };
  });
}

/** The matched bits, less the syllables of a concept the passage does not write as a phrase. */
function conceptChecked(query: Query, matched: number, passage: { text: string; context: string | null }): number {
  if (query.concepts.length === 0) return matched;
  const written = new Set(conceptPhrasesIn(tokenize(passageSearchText(passage))));
  let checked = matched;
  for (const { phrase, bits } of query.concepts) {
    if (!written.has(phrase)) for (const bit of bits) checked &= ~(1 << bit);
  }
  return checked;
}

/** Spellings of one word that both are right ("hằng năm" and "hàng năm", "kỹ" and "kĩ"): either holds it. */
const SPELLING_VARIANTS = new Map<string, string[]>(
  [
    ['hằng', 'hàng'],
    ['kỹ', 'kĩ'],
    ['lý', 'lí'],
    ['mỹ', 'mĩ'],
    ['sỹ', 'sĩ'],
    ['quý', 'quí'],
  ].flatMap(([a, b]) => [
    [a!, [b!]],
    [b!, [a!]],
  ]),
);

/** Words of a text, lower case, as typed (with their marks). */
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The topic's coverage bits whose syllable the question typed with diacritics, with a pattern for that form.
 * Syllables typed without marks, or reached only through abbreviations and synonyms, are not checked.
 */
function accentsOf(
  text: string,
  coverageTerms: Query['coverageTerms'],
  terms: readonly string[],
  topic: ReadonlySet<string>,
): Query['accents'] {
  const typed = new Map<string, Set<string>>();
  for (const [word] of text.toLowerCase().matchAll(WORD)) {
    const folded = foldVietnamese(word);
    if (folded === word) continue;
    const forms = typed.get(folded) ?? new Set<string>();
    forms.add(word);
    for (const variant of SPELLING_VARIANTS.get(word) ?? []) forms.add(variant);
    typed.set(folded, forms);
  }
  // Only topic words: "đặt mục tiêu" may well be answered by "đạt 100%", "ăn gì" never by "an toàn".
  return coverageTerms.flatMap(({ bit }) => {
    if (!topic.has(terms[bit]!)) return [];
    const forms = typed.get(terms[bit]!);
    if (!forms) return [];
    return [{ bit, pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...forms].join('|')})(?![\\p{L}\\p{N}])`, 'u') }];
  });
}

/** The matched bits, less those whose syllable the passage has only with other diacritics. */
function accentChecked(query: Query, matched: number, passage: { text: string; context: string | null }): number {
  if (query.accents.length === 0) return matched;
  const text = `${passage.context ?? ''} ${passage.text}`.toLowerCase();
  let checked = matched;
  for (const { bit, pattern } of query.accents) {
    if ((checked & (1 << bit)) !== 0 && !pattern.test(text)) checked &= ~(1 << bit);
  }
  return checked;
}

/**
 * Share of the question found in a passage. Words naming the chosen document ("kế hoạch thực hiện Đề án …")
 * are satisfied by choosing it, so the share is also measured without them, and the better of the two counts.
 */
export function coverageOf(query: Query, matched: number): number {
  const variants = [new Set<number>(), ...query.alternativeExclusions];
  return Math.max(...variants.map((excluded) => coverageWithout(query, matched, excluded)));
}

function coverageWithout(query: Query, matched: number, excluded: ReadonlySet<number>): number {
  let total = 0;
  let found = 0;
  let ownTotal = 0;
  let ownFound = 0;
  for (const { bit, weight, naming } of query.coverageTerms) {
    if (excluded.has(bit)) continue;
    const hit = (matched & (1 << bit)) !== 0;
    total += weight;
    if (hit) found += weight;
    if (!naming) {
      ownTotal += weight;
      if (hit) ownFound += weight;
    }
  }
  return Math.max(total > 0 ? found / total : 0, ownTotal > 0 ? ownFound / ownTotal : 0);
}

export function search(
  knowledge: KnowledgeBase,
  query: Query,
  documents: readonly number[],
  depth = SEARCH_DEPTH,
): PassageMatch[] {
  const hits = knowledge.index.search(query.terms, {
    documentMask: maskOf(knowledge, documents),
    limit: depth,
    weights: query.weights,
  });
  const checked = hits.map((hit) => {
    const passage = knowledge.index.passages[hit.passageId]!;
    return conceptChecked(query, accentChecked(query, hit.matched, passage), passage);
  });
  const weighed = withUnseenForms(query, checked);
  return (
    hits
      .flatMap((hit, i) => {
        // "Đ.C" under the last heading matches that heading's words, but says nothing.
        if (isPortalLeftover(knowledge.index.passages[hit.passageId]!)) return [];
        const passage = knowledge.index.passages[hit.passageId]!;
        const score = passage.headline ? hit.score * HEADLINE_WEIGHT : hit.score;
        const ownTopic = query.ownTopic.length > 0 && quoteHolds(knowledge, hit.passageId, query.ownTopic);
        return [{ ...passage, passageId: hit.passageId, score, coverage: coverageOf(weighed, checked[i]!), ownTopic }];
      })
      .sort((a, b) => Number(b.ownTopic) - Number(a.ownTopic) || b.score - a.score)
      // When some quote holds the follow-up's own topic, the others answer the previous question, not this one.
      .filter((match, _, sorted) => match.ownTopic || !sorted[0]?.ownTopic)
      .map(({ ownTopic: _, ...match }) => match)
  );
}

/** Whether what an answer would quote for a passage (its whole sentence, under its heading) holds these terms. */
function quoteHolds(knowledge: KnowledgeBase, passageId: number, terms: readonly string[]): boolean {
  const { context } = knowledge.index.passages[passageId]!;
  const tokens = new Set(tokenize(`${context ?? ''} ${quotableText(knowledge, passageId)}`));
  return terms.every((term) => tokens.has(term));
}

/**
 * A topic syllable typed with diacritics that none of the best passages holds as typed ("căn cước": at most
 * "cần", "cuộc") is rare as typed, whatever its folded form's frequency says: it weighs as much as the
 * question's weightiest word, so a passage without it does not cover the question ("thủ tục làm căn cước
 * online" is not answered by "dịch vụ công trực tuyến").
 */
function withUnseenForms(query: Query, checked: readonly number[]): Query {
  const unseen = query.accents.filter(({ bit }) => !checked.some((matched) => (matched & (1 << bit)) !== 0));
  if (unseen.length === 0) return query;
  const heaviest = Math.max(...query.coverageTerms.map((term) => term.weight));
  const bits = new Set(unseen.map(({ bit }) => bit));
  return {
    ...query,
    coverageTerms: query.coverageTerms.map((term) => (bits.has(term.bit) ? { ...term, weight: heaviest } : term)),
  };
}
