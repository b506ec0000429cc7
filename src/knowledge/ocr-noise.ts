/**
 * Repairs, before metadata is read, what OCR does to the header of a Vietnamese decision: "Ð" (Icelandic eth)
 * for "Đ", "QD" for "QĐ" in a text that otherwise has its diacritics, spaces around the dash of a number's
 * symbol ("QĐ- UBND"), "Số" read as "S6:" or "Sô:.", letters in the digits of a date ("tháng 0l năm 2O11"),
 * and specks read as stray marks between words or as a line of their own. Pure and conservative: typed text passes through unchanged
 * except for these patterns, which no correctly typed text contains.
 */

/** A share of letters with diacritics above this means the text is written in full Vietnamese. */
const ACCENTED_SHARE = 0.05;

/** Symbols whose "Đ" OCR reads as "D" (on an accented text only: an unaccented one writes them so itself). */
const D_FOR_DJ: Readonly<Record<string, string>> = {
  QD: 'QĐ',
  HDND: 'HĐND',
  BKHDT: 'BKHĐT',
  BGDDT: 'BGDĐT',
  BLDTBXH: 'BLĐTBXH',
  DU: 'ĐU',
};

// "14/2011/QĐ- UBND", "4086 / QD -UBND": digits, an optional year, then the symbol's parts.
const NUMBER_WITH_SYMBOL =
  /(?<![\p{L}\p{N}])(\d{1,5}[a-z]?(?:[ \t]*\/[ \t]*(?:19|20)\d\d)?[ \t]*[/-][ \t]*)([A-ZĐ]{1,8}\d*(?:[ \t]*[-/][ \t]*[A-ZĐ]{1,8}\d*)*)(?![\p{L}\p{N}])/gu;
// "Số:", misread: "S6:", "Sô:.", "S0 :", "Sé;" at the start of a line or table cell, before a number.
const HEADER_NUMBER_LABEL =
  /(^|\n|\|)([ \t]*)S[ốôoóòồổỗộỏõọơớờởỡợ06éèêếề°][ \t]*[:;.,'’‘`]*[ \t]*(?=\d{1,5}[a-z]?[ \t]*[/-])/gu;
// "ngày 3O tháng 0l năm 2O11": the words of a date, then a group of digits with a letter misread in it.
const DATE_PART = /(?<!\p{L})(ng[aàảãáạ]y|th[aàảãáạ]ng|n[aăằẳẵắặâầẩẫấậ]m)([ \t]+)([0-9OoIl|]{1,4})(?![\p{L}\p{N}])/giu;
// A "word" of nothing but quote-like marks (specks), or a run of rule characters (the line under the header).
const STRAY_MARKS = /(^|[ \t])(?:[‘’'`´"“”~•·°*^]{1,3}|[—–_=~-]{3,})(?=[ \t]|$)/gm;
// A line of one to three marks and nothing else (".?" between the heading and the title): a speck.
const SPECK_LINE = /^[ \t]*[^\p{L}\p{N}|\s]{1,3}[ \t]*$/gmu;

function isAccented(text: string): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const accented = text.normalize('NFC').match(/[^\p{ASCII}]/gu)?.length ?? 0;
  return letters > 0 && accented / letters > ACCENTED_SHARE;
}

function repairSymbol(symbol: string, accented: boolean): string {
  return symbol
    .replace(/[ \t]*([-/])[ \t]*/g, '$1')
    .split(/([-/])/)
    .map((part) => (accented ? (D_FOR_DJ[part] ?? part) : part))
    .join('');
}

export function repairOcrNoise(text: string): string {
  const accented = isAccented(text);
  return text
    .replace(/Ð/g, 'Đ')
    .replace(/ð/g, 'đ')
    .replace(STRAY_MARKS, '$1')
    .replace(SPECK_LINE, '')
    .replace(HEADER_NUMBER_LABEL, '$1$2Số: ')
    .replace(NUMBER_WITH_SYMBOL, (_, digits: string, symbol: string) => {
      const lead = digits.replace(/[ \t]+/g, '');
      return `${lead}${repairSymbol(symbol, accented)}`;
    })
    .replace(DATE_PART, (whole, word: string, space: string, digits: string) =>
      /\d/.test(digits) ? `${word}${space}${digits.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1')}` : whole,
    );
}
