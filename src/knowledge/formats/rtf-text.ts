import { TextDecoder } from 'node:util';
import { tidyExtractedText } from '../extracted-text.ts';

/**
 * The text of an RTF file (what Word's "Save as RTF" and many portals' ".doc" downloads really are), without
 * an outside program. Vietnamese comes as `\uN` escapes (with `\ucN` fallback characters to skip) or as
 * `\'hh` bytes in the document's code page (`\ansicpg1258`); both are decoded, then composed (NFC).
 * Fonts, styles, pictures, headers and footers and every `{\* …}` destination are skipped.
 */

const SKIPPED_DESTINATIONS = new Set([
  'fonttbl',
  'colortbl',
  'stylesheet',
  'info',
  'pict',
  'object',
  'header',
  'headerl',
  'headerr',
  'headerf',
  'footer',
  'footerl',
  'footerr',
  'footerf',
  'listtable',
  'listoverridetable',
  'rsidtbl',
  'xmlnstbl',
  'themedata',
  'colorschememapping',
  'datastore',
  'latentstyles',
  'generator',
  'pgdsctbl',
  'filetbl',
  'revtbl',
  'fldinst',
  'bkmkstart',
  'bkmkend',
]);

const BREAKS: Readonly<Record<string, string>> = {
  par: '\n',
  line: '\n',
  sect: '\n\n',
  page: '\n\n',
  row: '\n',
  cell: ' | ',
  tab: '\t',
  emdash: '—',
  endash: '–',
  bullet: '•',
  lquote: '‘',
  rquote: '’',
  ldblquote: '“',
  rdblquote: '”',
};

interface Group {
  skip: boolean;
  /** Characters to skip after a \u escape. */
  uc: number;
}

const TOKEN = /\\([a-z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-f]{2})|\\([^a-z])|([{}])|([\r\n]+)|([^\\{}\r\n]+)/giy;

function decoderFor(codePage: number): TextDecoder {
  try {
    return new TextDecoder(`windows-${codePage}`);
  } catch {
    return new TextDecoder('windows-1252');
  }
}

export function rtfText(source: string): string {
  let decoder = decoderFor(1252);
  const stack: Group[] = [];
  let group: Group = { skip: false, uc: 1 };
  let out = '';
  let bytes: number[] = [];
  /** Fallback characters (or \'hh bytes) still to drop after a \u escape. */
  let pendingSkip = 0;
  const flush = () => {
    if (bytes.length > 0) out += decoder.decode(new Uint8Array(bytes));
    bytes = [];
  };
  const emit = (text: string) => {
    if (group.skip) return;
    flush();
    out += text;
  };
  // A "{\*\dest …}" group is skipped when its first control word is the \* marker.
  let groupStart = false;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(source); m !== null; m = TOKEN.exec(source)) {
    const [, word, param, hex, symbol, brace, , text] = m;
    const atStart = groupStart;
    groupStart = false;
    if (brace === '{') {
      stack.push(group);
      group = { ...group };
      groupStart = true;
      pendingSkip = 0;
    } else if (brace === '}') {
      flush();
      group = stack.pop() ?? { skip: false, uc: 1 };
      pendingSkip = 0;
    } else if (hex !== undefined) {
      if (pendingSkip > 0) pendingSkip--;
      else if (!group.skip) bytes.push(Number.parseInt(hex, 16));
    } else if (word !== undefined) {
      const name = word.toLowerCase();
      if (atStart && SKIPPED_DESTINATIONS.has(name)) group.skip = true;
      else if (name === 'ansicpg' && param) decoder = decoderFor(Number(param));
      else if (name === 'uc' && param) group.uc = Number(param);
      else if (name === 'u' && param) {
        const code = Number(param);
        emit(String.fromCharCode(code < 0 ? code + 65536 : code));
        pendingSkip = group.uc;
      } else if (name === 'bin' && param) {
        TOKEN.lastIndex += Number(param); // raw binary data, never text
      } else if (BREAKS[name] !== undefined) {
        emit(BREAKS[name]!);
      }
    } else if (symbol !== undefined) {
      if (symbol === '*') {
        if (atStart) group.skip = true;
      } else if (symbol === '~') emit('\u00a0');
      else if (symbol === '_') emit('-');
      else if (symbol === '\\' || symbol === '{' || symbol === '}') {
        if (pendingSkip > 0) pendingSkip--;
        else emit(symbol);
      }
    } else if (text !== undefined) {
      let chars = text;
      if (pendingSkip > 0) {
        const dropped = Math.min(pendingSkip, chars.length);
        chars = chars.slice(dropped);
        pendingSkip -= dropped;
      }
      // Literal text is in the document's code page too: collected as bytes with the \'hh escapes around it.
      if (!group.skip) for (let i = 0; i < chars.length; i++) bytes.push(chars.charCodeAt(i) & 0xff);
    }
  }
  flush();
  return tidyExtractedText(out.normalize('NFC'));
}
