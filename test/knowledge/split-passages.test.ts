import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type PassageDraft, splitPassages } from '../../src/knowledge/split-passages.ts';

const ROOT = join(import.meta.dirname, '../..');

/** A Markdown file of the knowledge folder without its YAML front matter. */
function body(markdown: string): string {
  return markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
}

/** Every source the bot is built from: the raw seeds and the curated knowledge files. */
const SOURCES: ReadonlyArray<readonly [name: string, text: string]> = [
  ...readdirSync(join(ROOT, 'seeds'))
    .filter((name) => name.endsWith('.txt'))
    .map((name) => [`seeds/${name}`, readFileSync(join(ROOT, 'seeds', name), 'utf8')] as const),
  ...readdirSync(join(ROOT, 'knowledge'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => [`knowledge/${name}`, body(readFileSync(join(ROOT, 'knowledge', name), 'utf8'))] as const),
];

function source(name: string): string {
  const found = SOURCES.find(([sourceName]) => sourceName === name);
  if (!found) throw new Error(`no source ${name}`);
  return found[1];
}

/** Each document exists twice: as the raw seed and as the curated knowledge file. */
const HA_TINH = ['seeds/000_b853f883d6733d89.txt', 'knowledge/ha-tinh-4086-qd-ubnd-2012.md'];
const BAC_LIEU = ['seeds/003_f87414b629539ce1.txt', 'knowledge/bac-lieu-635-qd-ubnd-2013.md'];
const QUANG_BINH = ['seeds/002_f79e1a888f6782dc.txt', 'knowledge/quang-binh-2972-qd-ubnd-2017.md'];
const LAM_DONG = ['seeds/004_65e474cca64702da.txt', 'knowledge/lam-dong-nghi-quyet-16-2008.md'];

function passagesOf(name: string): PassageDraft[] {
  return splitPassages(source(name));
}

function containing(passages: PassageDraft[], fragment: string): PassageDraft[] {
  return passages.filter((passage) => passage.text.includes(fragment));
}

describe('splitPassages on the seed documents', () => {
  it.each(HA_TINH)('%s: the DVC target is one clause under "Mục tiêu cụ thể"', (name) => {
    const hits = containing(passagesOf(name), '15% mức độ 4');
    expect(hits).toEqual([
      {
        text: 'Số lượng dịch vụ công cơ bản trực tuyến mức độ 3 được tích hợp trên cổng điện tử phục vụ người dân và doanh nghiệp đạt 60% mức độ 3 và 15% mức độ 4',
        context: expect.stringContaining('Mục tiêu cụ thể'),
      },
    ]);
  });

  it.each(HA_TINH)('%s: each target between semicolons is its own passage with the same lead-in', (name) => {
    const targets = passagesOf(name).filter((passage) => passage.context?.startsWith('Mục tiêu cụ thể của Quy hoạch'));
    expect(targets.map((passage) => passage.text)).toEqual([
      'Tỷ lệ văn bản, tài liệu của các cơ quan Đảng, Nhà nước được trao đổi trên môi trường mạng đạt 100% văn bản các cấp',
      'Số lượng dịch vụ công cơ bản trực tuyến mức độ 3 được tích hợp trên cổng điện tử phục vụ người dân và doanh nghiệp đạt 60% mức độ 3 và 15% mức độ 4',
      'Tỷ lệ các đơn vị y tế ứng dụng CNTT vào hoạt động quản lý, điều hành, phòng bệnh khám chữa bệnh và công tác dân số KHHGĐ đạt 100% trạm y tế ứng dụng cơ bản',
      'Phổ cập kỹ năng khai thác máy tính, Internet và tác nghiệp trực tuyến',
      'Chuẩn hóa kiến thức, kỹ năng nghiệp vụ chuyên trách CNTT',
      'Số doanh nghiệp lớn đầu tư hạ tầng, công nghệ phát triển trong khu công nghiệp đạt từ 4-5 doanh nghiệp trong năm 2020…',
    ]);
  });

  it.each(BAC_LIEU)('%s: "- Về nguồn nhân lực CNTT: …; …" gives one passage per clause', (name) => {
    const items = passagesOf(name).filter((passage) => passage.context?.includes('Về nguồn nhân lực CNTT'));
    expect(items).toEqual(
      [
        'Đảm bảo 100% cán bộ, công chức, viên chức của các Sở, ngành, huyện, thành phố',
        '80% cán bộ, công chức, viên chức cấp xã, phường sử dụng thành thạo các ứng dụng cơ bản phục vụ công việc',
        'tất cả cán bộ phụ trách lĩnh vực CNTT tại các Sở, ban, ngành, huyện, thành phố được tập huấn, nâng cao kiến thức, kỹ năng về ứng dụng CNTT tại đơn vị',
        'Mỗi cơ quan Đảng, Nhà nước các Sở, ngành, huyện, thành phố có ít nhất 01 cán bộ chuyên trách về CNTT...',
      ].map((text) => ({ text, context: 'Mục tiêu cụ thể đến năm 2015 như sau — Về nguồn nhân lực CNTT' })),
    );
  });

  it.each(
    BAC_LIEU.flatMap((name) =>
      [
        ['Về công nghiệp CNTT', 'Phát triển hạ tầng CNTT để thu hút nguồn nhân lực sản xuất nội dung số'],
        ['Về hạ tầng viễn thông băng rộng', 'phủ sóng thông tin di động băng rộng đến 80% dân cư'],
        ['Về phổ cập thông tin', 'Có 20 - 30% số hộ trong tỉnh có máy tính và truy cập Internet băng rộng'],
        ['Về Ứng dụng CNTT', 'Phát triển Sàn thương mại điện tử của tỉnh lên mức giao dịch trực tuyến.'],
      ].map(([label, text]) => [name, label, text] as const),
    ),
  )('%s: the item label %j is the context of %j', (name, label, text) => {
    expect(passagesOf(name).filter((passage) => passage.text === text)).toEqual([
      { text, context: `Mục tiêu cụ thể đến năm 2015 như sau — ${label}` },
    ]);
  });

  it.each(BAC_LIEU)('%s: "Tổng kinh phí thực hiện: 57,600 tỷ đồng (…)" stays one passage', (name) => {
    const hits = containing(passagesOf(name), 'Tổng kinh phí');
    expect(hits).toEqual([
      {
        text: 'Tổng kinh phí thực hiện: 57,600 tỷ đồng (trong đó, năm 2013 là 21,400 tỷ đồng, năm 2014 là 17,200 tỷ đồng, năm 2015 là 19 tỷ đồng).',
        // A paragraph after the bulleted list is no longer under "Mục tiêu cụ thể".
        context: null,
      },
    ]);
  });

  it.each(BAC_LIEU)('%s: the budget shares keep their decimal figures', (name) => {
    const texts = passagesOf(name).map((passage) => passage.text);
    for (const figure of ['37,15%', '29,86%', '32,99%']) {
      expect(texts.filter((text) => text.includes(figure))).toHaveLength(1);
    }
  });

  it.each(
    QUANG_BINH.flatMap((name) =>
      [
        '70% dịch vụ công được cung cấp trực tuyến ở mức độ 3 và 50% dịch vụ công được cung cấp trực tuyến ở mức độ 4 phục vụ người dân và doanh nghiệp.',
        '90% phần mềm dùng chung của tỉnh được đầu tư nâng cấp (quản lý văn bản, báo cáo trực tuyến, quản lý công chức, viên chức, số hóa tài liệu,…).',
        '70% hộ gia đình có người hiểu biết kiến thức công nghệ thông tin để sử dụng các dịch vụ công, tiếp cận được với internet.',
        '100% cán bộ, công chức',
        '70% viên chức được trang bị máy vi tính, kết nối Internet, được cấp hộp thư điện tử công vụ.',
      ].map((text) => [name, text] as const),
    ),
  )('%s: indicator %j is under "b) Các chỉ tiêu chủ yếu đến năm 2025:"', (name, text) => {
    expect(passagesOf(name).filter((passage) => passage.text === text)).toEqual([
      { text, context: 'Mục tiêu, chỉ tiêu phát triển — Các chỉ tiêu chủ yếu đến năm 2025' },
    ]);
  });

  it.each(QUANG_BINH)('%s: every indicator paragraph (starting with a percentage) carries that context', (name) => {
    const indicators = passagesOf(name).filter((passage) => /^\d+%/.test(passage.text));
    expect(indicators.length).toBeGreaterThanOrEqual(14);
    for (const indicator of indicators) {
      expect(indicator.context).toBe('Mục tiêu, chỉ tiêu phát triển — Các chỉ tiêu chủ yếu đến năm 2025');
    }
  });

  it.each(QUANG_BINH)('%s: numbered and lettered headings become "section — subsection" contexts', (name) => {
    const contexts = new Set(passagesOf(name).map((passage) => passage.context));
    expect(contexts).toEqual(
      new Set([
        null,
        'Quan điểm phát triển',
        'Mục tiêu, chỉ tiêu phát triển — Mục tiêu tổng quát',
        'Mục tiêu, chỉ tiêu phát triển — Các chỉ tiêu chủ yếu đến năm 2025',
        'Một số nhiệm vụ trọng tâm',
        'Một số nhiệm vụ trọng tâm — Xây dựng, hoàn thiện cơ chế, chính sách về',
        'Một số nhiệm vụ trọng tâm — Xây dựng khung kiến trúc và lộ trình triển khai chính quyền điện tử tỉnh Quảng Bình đảm bảo',
        'Định hướng phát triển công nghệ thông tin đến năm 2035',
      ]),
    );
  });

  it.each(LAM_DONG)('%s: "TP.Đà Lạt" does not end a sentence', (name) => {
    const passages = passagesOf(name);
    const hits = containing(passages, 'TP.Đà Lạt');
    expect(hits.length).toBeGreaterThan(0);
    for (const { text } of hits) {
      expect(text).toMatch(
        /Ngày 07\/10\/2008, tại TP\.Đà Lạt, Tỉnh ủy Lâm Đồng đã tổ chức hội nghị quán triệt Nghị quyết số 16 .* định hướng đến năm 2020\.$/,
      );
    }
    expect(passages.filter((passage) => /\bTP\.$/.test(passage.text))).toEqual([]);
  });

  it.each(LAM_DONG)('%s: "Mục tiêu của Nghị quyết này là:" is the lead-in of the clauses that follow it', (name) => {
    expect(containing(passagesOf(name), 'xây dựng thành công một số hệ thống cơ sở dữ liệu')).toEqual([
      {
        text: 'xây dựng thành công một số hệ thống cơ sở dữ liệu tổng hợp và chuyên ngành quan trọng.',
        context: 'Mục tiêu của Nghị quyết này là',
      },
    ]);
  });
});

/** Numbers as the documents write them: "57,600", "15%", "100 %", "28/12/2012", "4086/QĐ-UBND". */
const FIGURE = /\d+(?:[.,/]\d+)*(?:\s*%)?/g;
/** List markers ("- ", "a) ", "2. ") are structure, not content. */
const MARKER = /^\s*(?:#{1,6}|[-–•+*]|[a-zđ]\)|\d{1,2}[.)]|[IVX]{1,4}\.)\s+/gmu;

function figuresOf(text: string): Set<string> {
  return new Set(text.replace(MARKER, ' ').match(FIGURE) ?? []);
}

function wordsOf(text: string): Set<string> {
  return new Set(text.replace(MARKER, ' ').match(/[\p{L}\p{N}]+/gu) ?? []);
}

function missingWords(text: string): string[] {
  const kept = new Set<string>();
  for (const passage of splitPassages(text)) {
    for (const word of wordsOf(`${passage.context ?? ''} ${passage.text}`)) kept.add(word);
  }
  return [...wordsOf(text)].filter((word) => !kept.has(word));
}

describe('splitPassages keeps everything of every source', () => {
  it.each(SOURCES)('%s: passages are non-empty and trimmed, contexts null or non-empty', (_name, text) => {
    const passages = splitPassages(text);
    expect(passages.length).toBeGreaterThan(5);
    for (const { text: passageText, context } of passages) {
      expect(passageText.trim()).toBe(passageText);
      expect(passageText).not.toBe('');
      expect(passageText).not.toMatch(/\s{2,}|\n/);
      if (context !== null) expect(context.trim()).not.toBe('');
    }
  });

  it.each(SOURCES)('%s: every percentage appears, as written, in some passage text', (_name, text) => {
    const figures = text.match(/\d+(?:[.,]\d+)*\s*%/g) ?? [];
    expect(figures.length).toBeGreaterThan(0);
    const passages = splitPassages(text).map((passage) => passage.text);
    const lost = figures.filter((figure) => !passages.some((passageText) => passageText.includes(figure)));
    expect(lost).toEqual([]);
  });

  it.each(SOURCES)('%s: every figure appears in some passage text or context', (_name, text) => {
    const kept = new Set<string>();
    for (const passage of splitPassages(text)) {
      for (const figure of figuresOf(`${passage.context ?? ''}\n${passage.text}`)) kept.add(figure);
    }
    const figures = figuresOf(text);
    expect(figures.size).toBeGreaterThan(5);
    expect([...figures].filter((figure) => !kept.has(figure))).toEqual([]);
  });

  const complete = SOURCES.filter(([name]) => !QUANG_BINH.includes(name));
  it.each(complete)('%s: every word appears in some passage text or context', (_name, text) => {
    expect(missingWords(text)).toEqual([]);
  });

  // BUG: a paragraph that ends in a colon is taken whole as a heading, so the Quảng Bình lead paragraph
  // "(Quang Binh Portal) - Ngày 24/8/2017, UBND tỉnh Quảng Bình đã ban hành Quyết định số 2972/QĐ-UBND …
  // Theo đó, Quy hoạch có những nội dung chính như sau:" is in no passage (and, being reset by "1. …",
  // in no context either).
  const quangBinh = SOURCES.filter(([name]) => QUANG_BINH.includes(name));
  it.each(quangBinh)('%s: every word appears in some passage text or context', (_name, text) => {
    expect(missingWords(text)).toEqual([]);
  });

  it.each(QUANG_BINH)('%s: the sentence that issues the decision is a passage', (name) => {
    expect(
      containing(passagesOf(name), 'Ngày 24/8/2017, UBND tỉnh Quảng Bình đã ban hành Quyết định số 2972/QĐ-UBND'),
    ).toHaveLength(1);
  });
});

describe('splitPassages on small documents', () => {
  it.each([
    ['', []],
    ['   \n\n \t \n', []],
    ['## Mục tiêu', [{ text: 'Mục tiêu', context: null, headline: true }]],
    ['Tổng kinh phí thực hiện: 57,600 tỷ đồng.', [{ text: 'Tổng kinh phí thực hiện: 57,600 tỷ đồng.', context: null }]],
    [
      'Mục tiêu cụ thể như sau: 100% xã có cáp quang băng rộng; 80% hộ gia đình có Internet; 60% dịch vụ công mức độ 3.',
      [
        { text: '100% xã có cáp quang băng rộng', context: 'Mục tiêu cụ thể như sau' },
        { text: '80% hộ gia đình có Internet', context: 'Mục tiêu cụ thể như sau' },
        { text: '60% dịch vụ công mức độ 3.', context: 'Mục tiêu cụ thể như sau' },
      ],
    ],
    [
      // A clause shorter than 20 characters is glued to the next one.
      'Theo đó; mục tiêu là đưa tỉnh vào nhóm 10 tỉnh dẫn đầu.',
      [{ text: 'Theo đó; mục tiêu là đưa tỉnh vào nhóm 10 tỉnh dẫn đầu.', context: null }],
    ],
    [
      // … and a short last clause to the one before it.
      'Ngân sách Trung ương 37,15%; Ngân sách địa phương 29,86%; vốn khác 32,99%.',
      [
        { text: 'Ngân sách Trung ương 37,15%', context: null },
        { text: 'Ngân sách địa phương 29,86%; vốn khác 32,99%.', context: null },
      ],
    ],
    [
      'Tổng truy cập 10.009.215 lượt. Dự kiến đạt hơn 1.000 người.',
      [
        { text: 'Tổng truy cập 10.009.215 lượt.', context: null },
        { text: 'Dự kiến đạt hơn 1.000 người.', context: null },
      ],
    ],
    [
      'Ngày 07/10/2008, tại TP.Đà Lạt, Tỉnh ủy Lâm Đồng đã tổ chức hội nghị.',
      [{ text: 'Ngày 07/10/2008, tại TP.Đà Lạt, Tỉnh ủy Lâm Đồng đã tổ chức hội nghị.', context: null }],
    ],
    [
      '1. Quan điểm phát triển\n\na) Mục tiêu tổng quát:\n\nPhát triển nguồn nhân lực công nghệ thông tin đạt chuẩn quốc gia.',
      [
        {
          text: 'Phát triển nguồn nhân lực công nghệ thông tin đạt chuẩn quốc gia.',
          context: 'Quan điểm phát triển — Mục tiêu tổng quát',
        },
      ],
    ],
    [
      'Mục tiêu cụ thể đến năm 2015 như sau:\n\n- Về hạ tầng: Cơ bản hoàn thành mạng băng rộng đến các xã.\n\nQuyết định có hiệu lực kể từ ngày ký./.',
      [
        {
          text: 'Cơ bản hoàn thành mạng băng rộng đến các xã.',
          context: 'Mục tiêu cụ thể đến năm 2015 như sau — Về hạ tầng',
        },
        { text: 'Quyết định có hiệu lực kể từ ngày ký./.', context: null },
      ],
    ],
    [
      // A list item continued on the next line stays one item.
      '- Về phổ cập thông tin: Có 20 - 30% số hộ trong tỉnh\n  có máy tính và truy cập Internet băng rộng.',
      [
        {
          text: 'Có 20 - 30% số hộ trong tỉnh có máy tính và truy cập Internet băng rộng.',
          context: 'Về phổ cập thông tin',
        },
      ],
    ],
  ])('%j', (text, expected) => {
    expect(splitPassages(text)).toEqual(expected);
  });

  // BUG: "TP." followed by a space and a capital is taken for the end of a sentence, so the common
  // spelling "TP. Hồ Chí Minh" / "TP. Đà Lạt" cuts a sentence in two ("… tại TP." | "Đà Lạt, …").
  it.each([
    'Ngày 07/10/2008, tại TP. Đà Lạt, Tỉnh ủy Lâm Đồng đã tổ chức hội nghị quán triệt Nghị quyết số 16.',
    'Sở TT&TT TP. Hồ Chí Minh đã ban hành kế hoạch ứng dụng CNTT năm 2015.',
  ])('%j stays one passage', (text) => {
    expect(splitPassages(text)).toEqual([{ text, context: null }]);
  });

  it('a year opening a list between semicolons is the context of the clauses after it', () => {
    const text =
      'Theo đó, đến năm 2020 sẽ xây dựng thành công mô hình chính quyền điện tử của tỉnh; 100% văn bản của các cơ quan được lưu chuyển qua mạng; 100% giấy mời được phát hành hoàn toàn qua mạng.';
    expect(splitPassages(text).map((passage) => passage.context)).toEqual([null, 'Đến năm 2020', 'Đến năm 2020']);
  });

  it('a sentence that does not open with a year gives its clauses no time frame', () => {
    const text =
      'Xây dựng mô hình chính quyền điện tử của tỉnh đến năm 2020 với nhiều nội dung; 100% văn bản của các cơ quan được lưu chuyển qua mạng.';
    expect(splitPassages(text).map((passage) => passage.context)).toEqual([null, null]);
  });

  it('keeps the sentences of a paragraph that ends in a colon', () => {
    const text =
      'Ngày 24/8/2017, UBND tỉnh Quảng Bình đã ban hành Quyết định số 2972/QĐ-UBND về phê duyệt quy hoạch. Theo đó, Quy hoạch có những nội dung chính như sau:\n\n1. Quan điểm phát triển\n\na) Công nghệ thông tin được ứng dụng rộng rãi.';
    expect(splitPassages(text).map((passage) => passage.text)).toContain(
      'Ngày 24/8/2017, UBND tỉnh Quảng Bình đã ban hành Quyết định số 2972/QĐ-UBND về phê duyệt quy hoạch.',
    );
  });
});
