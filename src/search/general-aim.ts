import { foldVietnamese } from '../text/normalize.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import { documentPassages } from './passage-units.ts';

/** A passage holding a target figure: "70% dịch vụ công …", "20 doanh nghiệp …". */
export const TARGET = /\d\s*%|\d+\s+(?:doanh nghiệp|người|dịch vụ)/u;

/** "Theo đó, (đến năm 2020) sẽ …": a news item's sentence stating what the plan sets out to do. */
export const AIM_AHEAD = /^theo do,? (?:den (?:het )?nam (?:19|20)\d\d,? )?se\b/;

/**
 * The passage stating a document's general aim ("Mục tiêu chung: …", "mục tiêu là sẽ đưa Hà Tĩnh …", "Theo
 * đó, đến năm 2020 sẽ xây dựng …"), not one of its figures; null when it states none.
 */
export function generalAimPassage(knowledge: KnowledgeBase, docIndex: number): number | null {
  const found = documentPassages(knowledge, docIndex).find(({ passage }) => {
    const folded = foldVietnamese(`${passage.context ?? ''} ${passage.text}`);
    const aim =
      /muc tieu (?:cua [a-z ]{1,30}?)?(?:la|chung|tong quat)\b/.test(folded) ||
      AIM_AHEAD.test(foldVietnamese(passage.text));
    return !passage.headline && aim && !TARGET.test(passage.text);
  });
  return found ? found.id : null;
}
