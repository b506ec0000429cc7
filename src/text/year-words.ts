import { foldVietnamese } from './normalize.ts';

/**
 * Years written in words, as people type them on Zalo or dictate them ("đến năm hai nghìn hai mươi", "hai
 * ngàn không trăm mười lăm", "hai nghìn ba lăm"), rewritten as digits so they are read like "2020".
 * Only years of this century are read: "hai nghìn" followed by up to two digits in words.
 */

const DIGITS: Readonly<Record<string, number>> = {
  mot: 1,
  hai: 2,
  ba: 3,
  bon: 4,
  tu: 4,
  nam: 5,
  lam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
};

/** A unit after a ten: "mốt" (1), "tư" (4), "lăm"/"năm" (5) and the plain digits. */
function unitOf(word: string | undefined): number | null {
  if (word === undefined) return null;
  if (word === 'mot') return 1;
  return DIGITS[word] ?? null;
}

/** Reads the two digits after "hai nghìn": their value and how many words they took, or null. */
function yearTail(words: readonly string[]): { value: number; length: number } {
  let at = 0;
  if (words[at] === 'khong' && words[at + 1] === 'tram') at += 2;
  if (words[at] === 'le' || words[at] === 'linh') {
    const unit = unitOf(words[at + 1]);
    return unit === null ? { value: 0, length: 0 } : { value: unit, length: at + 2 };
  }
  if (words[at] === 'muoi') {
    const unit = unitOf(words[at + 1]);
    return unit === null ? { value: 10, length: at + 1 } : { value: 10 + unit, length: at + 2 };
  }
  const tens = DIGITS[words[at] ?? ''];
  if (tens === undefined || tens < 2) return { value: 0, length: 0 };
  // "hai mươi", "hai mươi lăm", and said quickly "hai lăm" (25).
  if (words[at + 1] === 'muoi') {
    const unit = unitOf(words[at + 2]);
    return unit === null ? { value: tens * 10, length: at + 2 } : { value: tens * 10 + unit, length: at + 3 };
  }
  const unit = unitOf(words[at + 1]);
  return unit === null ? { value: 0, length: 0 } : { value: tens * 10 + unit, length: at + 2 };
}

/** "đến năm hai nghìn hai mươi" → "đến năm 2020"; everything else is left as written. */
export function spellYearsInDigits(text: string): string {
  if (!/ngh[iì]n|ng[aà]n/iu.test(text)) return text;
  const tokens = text.split(/(\s+)/u);
  const words = tokens.map((token) => foldVietnamese(token).replace(/[^a-z]/g, ''));
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const isThousand = words[i] === 'hai' && (words[i + 2] === 'nghin' || words[i + 2] === 'ngan');
    if (!isThousand) {
      out.push(tokens[i]!);
      continue;
    }
    // Words are every other token (spaces between): read the tail from the words after "nghìn".
    const following = words.slice(i + 4).filter((_, k) => k % 2 === 0);
    const tail = yearTail(following);
    const last = i + 2 + tail.length * 2;
    const trailing = tokens[last]!.replace(/^[\p{L}]+/u, '');
    out.push(`${2000 + tail.value}${trailing}`);
    i = last;
  }
  return out.join('');
}
