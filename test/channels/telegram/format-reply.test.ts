import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/answer/answer.ts';
import {
  escapeHtml,
  formatHtmlParts,
  formatReply,
  splitSourceBlock,
  TELEGRAM_TEXT_LIMIT,
} from '../../../src/channels/telegram/format-reply.ts';

const HA_TINH_SOURCE = 'Nguồn: Quyết định số 4086/QĐ-UBND ngày 28/12/2012 của UBND tỉnh Hà Tĩnh.';

function answer(text: string, grounded = true): Answer {
  return { answer: text, grounded, citations: [], outcome: grounded ? 'answered' : 'no-match' };
}

function unescapeHtml(html: string): string {
  return html
    .replace(/<\/?b>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('escapeHtml', () => {
  it.each([
    ['Sở TT&TT Hà Tĩnh', 'Sở TT&amp;TT Hà Tĩnh'],
    ['tỷ lệ <50% và >15%', 'tỷ lệ &lt;50% và &gt;15%'],
    ['<b>không phải thẻ</b>', '&lt;b&gt;không phải thẻ&lt;/b&gt;'],
    ['&amp; đã là thực thể', '&amp;amp; đã là thực thể'],
    ["“Ngoặc kép” và 'nháy' giữ nguyên", "“Ngoặc kép” và 'nháy' giữ nguyên"],
    ['Quyết định số 4086/QĐ-UBND', 'Quyết định số 4086/QĐ-UBND'],
  ])('%j', (text, html) => {
    expect(escapeHtml(text)).toBe(html);
  });
});

describe('splitSourceBlock', () => {
  it.each([
    [`Đạt 15%.\n\n${HA_TINH_SOURCE}`, 'Đạt 15%.', HA_TINH_SOURCE],
    ['So sánh.\n\nNguồn:\n- A.\n- B.', 'So sánh.', 'Nguồn:\n- A.\n- B.'],
    ['Nguồn không nêu ngày ban hành của văn bản.', 'Nguồn không nêu ngày ban hành của văn bản.', null],
    ['Không có nguồn.', 'Không có nguồn.', null],
  ])('%j', (text, body, source) => {
    expect(splitSourceBlock(text)).toEqual({ body, source });
  });
});

describe('formatReply', () => {
  it('escapes the answer and puts the source block in bold', () => {
    const parts = formatReply({ kind: 'answer', answer: answer(`Sở TT&TT: đạt <15%>.\n\n${HA_TINH_SOURCE}`) });
    expect(parts).toEqual([`Sở TT&amp;TT: đạt &lt;15%&gt;.\n\n<b>${HA_TINH_SOURCE}</b>`]);
  });

  it('bolds nothing in an answer that is not grounded, nor in a notice', () => {
    expect(formatReply({ kind: 'answer', answer: answer('Xin lỗi.\n\nNguồn: không', false) })).toEqual([
      'Xin lỗi.\n\nNguồn: không',
    ]);
    expect(formatReply({ kind: 'notice', text: 'Tôi chỉ đọc được chữ & số.' })).toEqual([
      'Tôi chỉ đọc được chữ &amp; số.',
    ]);
  });

  it('splits a long answer at sentence boundaries with the source on the last part', () => {
    const sentences = Array.from({ length: 120 }, (_, i) =>
      i % 3 === 0
        ? `Mục ${i + 1}: Sở TT&TT triển khai tại TP. Hồ Chí Minh với 57,600 tỷ đồng và 1.000 máy <loại A>.`
        : `Mục ${i + 1}: tỷ lệ dịch vụ công trực tuyến mức độ 4 đạt trên 50% vào năm 2025, theo lộ trình của tỉnh.`,
    );
    const body = sentences.join(' ');
    const parts = formatReply({ kind: 'answer', answer: answer(`${body}\n\n${HA_TINH_SOURCE}`) });

    expect(body.length).toBeGreaterThan(2 * TELEGRAM_TEXT_LIMIT);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
      // Every & starts a whole entity: no cut inside one.
      expect(part.replace(/&(?:amp|lt|gt);/g, '')).not.toContain('&');
    }
    for (const part of parts.slice(0, -1)) {
      expect(part).not.toContain('<b>');
      expect(part).toMatch(/\.$/);
      expect(part.endsWith('TP.')).toBe(false);
    }
    expect(parts.at(-1)!.endsWith(`<b>${HA_TINH_SOURCE}</b>`)).toBe(true);
    // Nothing lost, nothing added.
    expect(unescapeHtml(parts.join(' ')).replace(/\s+/g, ' ')).toBe(`${body} ${HA_TINH_SOURCE}`);
  });

  it('sends the source as its own last part when it does not fit after the text', () => {
    const body = 'Câu về mục tiêu phát triển. '.repeat(100).trim();
    const parts = formatHtmlParts(`${body}\n\n${HA_TINH_SOURCE}`, { boldSource: true, limit: body.length });
    expect(parts).toEqual([body, `<b>${HA_TINH_SOURCE}</b>`]);
  });

  it('keeps a reply that fits in one message whole', () => {
    const text = `${'a'.repeat(TELEGRAM_TEXT_LIMIT - HA_TINH_SOURCE.length - 9)}\n\n${HA_TINH_SOURCE}`;
    const parts = formatReply({ kind: 'answer', answer: answer(text) });
    expect(parts).toHaveLength(1);
    expect(parts[0]!.length).toBe(TELEGRAM_TEXT_LIMIT);
  });
});
