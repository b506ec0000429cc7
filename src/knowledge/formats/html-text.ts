import { tidyExtractedText } from '../extracted-text.ts';

/**
 * The main text of a page saved from a provincial portal: the article, without the menus, banners, search
 * boxes, "tin khác" lists and footers around it. Pure: a small tag-tree builder tolerant of the unclosed tags
 * portals write, a boilerplate filter by element and by class/id, and the largest content block as the text.
 */

interface Element {
  name: string;
  attributes: string;
  children: Node[];
  parent: Element | null;
}
type Node = Element | string;

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Elements whose content is never the document's text. */
const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'iframe',
  'head',
  'nav',
  'header',
  'footer',
  'aside',
  'menu',
  'select',
  'button',
  'object',
  'canvas',
]);
/** Elements that close an open element of the same name ("<li>a<li>b", "<p>a<p>b"). */
const SELF_CLOSING_SIBLINGS = new Set(['p', 'li', 'tr', 'td', 'th', 'option', 'dt', 'dd']);
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'li',
  'ul',
  'ol',
  'table',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'dl',
  'dt',
  'dd',
  'form',
  'center',
  'figure',
  'figcaption',
  'address',
  'body',
]);
const CELLS = new Set(['td', 'th']);

/** Class or id words of page furniture on Vietnamese portals and common CMSs. */
const BOILERPLATE =
  /(?:^|[\s_-])(?:menu|nav|navbar|navigation|footer|header|breadcrumbs?|sidebar|banner|share|social|comments?|related|tin-?khac|tinkhac|lien-?quan|lienket|lien-?ket|quang-?cao|advert|ads|search|tim-?kiem|login|copyright|toolbar|print|rss|weblink|hotline|cookie|popup|modal)(?:$|[\s_-])/i;
/** Class or id words of the article body. */
const CONTENT =
  /(?:^|[\s_-])(?:content|contents|detail|details|chi-?tiet|chitiet|noi-?dung|noidung|article|main|post|entry|news-?body|body-?text|vanban|van-?ban|fulltext|full-?text)(?:$|[\s_-])/i;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: '\u00a0',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  bull: '•',
  middot: '·',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  deg: '°',
  times: '×',
  divide: '÷',
  ordm: 'º',
  ordf: 'ª',
  sect: '§',
  para: '¶',
  Dstrok: 'Đ',
  dstrok: 'đ',
  ETH: 'Đ',
};
// Latin-1 letters by name ("&ocirc;", "&Agrave;"): old Vietnamese pages use them for every accented vowel.
const ACCENTS: ReadonlyArray<[string, string]> = [
  ['grave', '\u0300'],
  ['acute', '\u0301'],
  ['circ', '\u0302'],
  ['tilde', '\u0303'],
  ['uml', '\u0308'],
  ['ring', '\u030a'],
  ['cedil', '\u0327'],
];

function decodeEntity(entity: string, name: string): string {
  if (name.startsWith('#')) {
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }
  const named = NAMED_ENTITIES[name];
  if (named) return named;
  for (const [suffix, mark] of ACCENTS) {
    if (name.length === suffix.length + 1 && name.endsWith(suffix)) return `${name[0]}${mark}`.normalize('NFC');
  }
  return entity;
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});?/gi, decodeEntity);
}

function parse(html: string): Element {
  const root: Element = { name: '#root', attributes: '', children: [], parent: null };
  let current = root;
  const cleaned = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<![^>]*>|<\?[^>]*>/g;
  let at = 0;
  for (let m = TAG.exec(cleaned); m !== null; m = TAG.exec(cleaned)) {
    if (m.index > at) current.children.push(cleaned.slice(at, m.index));
    at = m.index + m[0].length;
    if (m[2] === undefined) continue; // doctype, processing instruction
    const name = m[2].toLowerCase();
    if (m[1]) {
      // An end tag closes the nearest open element of its name; a stray one is ignored.
      let open: Element | null = current;
      while (open && open.name !== name) open = open.parent;
      if (open?.parent) current = open.parent;
      continue;
    }
    if (SELF_CLOSING_SIBLINGS.has(name) && current.name === name && current.parent) current = current.parent;
    const element: Element = { name, attributes: m[3] ?? '', children: [], parent: current };
    current.children.push(element);
    if (name === 'script' || name === 'style') {
      // Their content is not HTML: skip to the end tag as a browser does.
      const end = cleaned.toLowerCase().indexOf(`</${name}`, at);
      at = end < 0 ? cleaned.length : end;
      TAG.lastIndex = at;
      continue;
    }
    if (!VOID.has(name) && !m[3]?.trimEnd().endsWith('/')) current = element;
  }
  if (at < cleaned.length) current.children.push(cleaned.slice(at));
  return root;
}

function classAndId(element: Element): string {
  const values = [...element.attributes.matchAll(/\b(?:class|id)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)];
  return values.map((m) => m[1] ?? m[2] ?? m[3] ?? '').join(' ');
}

function isBoilerplate(element: Element): boolean {
  if (DROPPED.has(element.name)) return true;
  if (/\bhidden\b|display\s*:\s*none/i.test(element.attributes)) return true;
  const names = classAndId(element);
  // "main-menu" is furniture, "news-content" is not: content words win over furniture words.
  return BOILERPLATE.test(names) && !CONTENT.test(names);
}

/** Text of an element with block breaks and table cells kept, boilerplate skipped. */
function render(node: Node): string {
  if (typeof node === 'string') return decodeEntities(node.replace(/\s+/g, ' '));
  if (isBoilerplate(node)) return '';
  if (node.name === 'br') return '\n';
  if (node.name === 'hr') return '\n\n';
  if (node.name === 'tr') {
    // One line per row, its cells side by side as a Markdown table row: an official header's two columns.
    const cells = node.children.map(render).map((cell) => cell.replace(/\s+/g, ' ').trim());
    return `${cells.filter((cell) => cell !== '').join(' | ')}\n`;
  }
  const inner = node.children.map(render).join('');
  if (CELLS.has(node.name)) return inner;
  // Blocks are paragraphs, separated by a blank line as in the text read from a DOCX.
  return BLOCK.has(node.name) ? `\n\n${inner}\n\n` : inner;
}

function letters(text: string): number {
  return text.match(/\p{L}/gu)?.length ?? 0;
}

/** Elements marked as content (article, main, class/id "content", "noi-dung"…), in document order, outer before inner. */
function contentCandidates(element: Element, found: Element[] = []): Element[] {
  for (const child of element.children) {
    if (typeof child === 'string' || isBoilerplate(child)) continue;
    if (child.name === 'article' || child.name === 'main' || CONTENT.test(classAndId(child))) found.push(child);
    contentCandidates(child, found);
  }
  return found;
}

/**
 * A content block is taken as the page's text when it holds at least this share of the page's letters (after
 * boilerplate is dropped): a "content" box holding only a teaser must not win over the body.
 */
const MIN_CONTENT_SHARE = 0.4;

/** The main text of an HTML page: NFC, tidied, one block per line. */
export function htmlText(html: string): string {
  const root = parse(html);
  const body = (function find(element: Element): Element | null {
    for (const child of element.children) {
      if (typeof child === 'string') continue;
      if (child.name === 'body') return child;
      const inner = find(child);
      if (inner) return inner;
    }
    return null;
  })(root);
  const page = render(body ?? root);
  const total = letters(page);
  // The outermost block marked as content: it leaves out the unmarked furniture around it, and keeps the
  // header table and title that a nested "content" box may not hold.
  let best: string | null = null;
  for (const candidate of contentCandidates(body ?? root)) {
    const text = render(candidate);
    if (letters(text) >= total * MIN_CONTENT_SHARE) {
      best = text;
      break;
    }
  }
  return tidyExtractedText((best ?? page).normalize('NFC'));
}

/** The charset a page declares (BOM, then `<meta charset>` or `http-equiv`); UTF-8 when it declares none. */
export function htmlCharset(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return 'utf-16';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (!declared) return 'utf-8';
  try {
    new TextDecoder(declared);
    return declared;
  } catch {
    return 'utf-8';
  }
}
