import { describe, expect, it } from 'vitest';
import { splitMessage } from '../../../src/channels/plain-text/split-message.ts';

const SOURCE = 'Nguồn: Quyết định số 4086/QĐ-UBND ngày 28/12/2012 của UBND tỉnh Hà Tĩnh.';
const SENTENCE = 'Đến năm 2015, 15% dịch vụ công trực tuyến đạt mức độ 4 trên địa bàn tỉnh. ';

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

describe('splitMessage', () => {
  it.each([
    ['a short answer', `Theo Quyết định số 4086/QĐ-UBND: 15%.\n\n${SOURCE}`],
    ['exactly the limit', 'a'.repeat(2000)],
  ])('keeps %s whole', (_name, text) => {
    expect(splitMessage(text, 2000)).toEqual([text]);
  });

  it('sends nothing for an empty text', () => {
    expect(splitMessage('  \n ', 2000)).toEqual([]);
  });

  it('cuts at sentence ends, keeps every word in order, and puts the source on the last part', () => {
    const text = `${SENTENCE.repeat(60).trim()}\n\n${SOURCE}`;
    const parts = splitMessage(text, 2000);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(2000);
    for (const part of parts.slice(0, -1)) {
      expect(part).toMatch(/tỉnh\.$/);
      expect(part).not.toContain('Nguồn:');
    }
    expect(parts.at(-1)!.endsWith(`\n\n${SOURCE}`)).toBe(true);
    expect(squash(parts.join(' '))).toBe(squash(text));
  });

  it('prefers paragraph breaks to sentence ends', () => {
    const paragraph = SENTENCE.repeat(10).trim();
    const text = [paragraph, paragraph, paragraph].join('\n\n');
    const parts = splitMessage(text, paragraph.length * 2 + 10);
    expect(parts).toEqual([`${paragraph}\n\n${paragraph}`, paragraph]);
  });

  it('keeps list items whole, breaking between lines', () => {
    const items = Array.from({ length: 30 }, (_, i) => `- Mục tiêu ${i + 1}: ${SENTENCE.trim()}`);
    const text = ['Theo Quyết định số 4086/QĐ-UBND:', ...items].join('\n');
    const parts = splitMessage(`${text}\n\n${SOURCE}`, 1000);
    for (const part of parts) {
      for (const line of part.split('\n').filter((l) => l.startsWith('- '))) expect(items).toContain(line);
    }
    expect(parts.at(-1)).toContain(SOURCE);
  });

  it('gives the source a part of its own when the last part has no room for it', () => {
    const body = 'x'.repeat(1990);
    const parts = splitMessage(`${body}.\n\n${SOURCE}`, 2000);
    expect(parts).toEqual([`${body}.`, SOURCE]);
  });

  it('keeps a block of several sources together on the last part', () => {
    const sources =
      'Nguồn:\n- Quyết định số 4086/QĐ-UBND ngày 28/12/2012 của UBND tỉnh Hà Tĩnh.\n- Quyết định số 2972/QĐ-UBND ngày 24/8/2017 của UBND tỉnh Quảng Bình.';
    const parts = splitMessage(`${SENTENCE.repeat(50).trim()}\n\n${sources}`, 2000);
    expect(parts.at(-1)!.endsWith(sources)).toBe(true);
    expect(parts.slice(0, -1).join('')).not.toContain('Nguồn:');
  });

  it('falls back to words, then to characters, for text without sentence ends', () => {
    const words = Array.from({ length: 800 }, (_, i) => `từ${i}`).join(' ');
    const wordParts = splitMessage(words, 500);
    for (const part of wordParts) expect(part.length).toBeLessThanOrEqual(500);
    expect(wordParts.join(' ')).toBe(words);

    const blob = '😀'.repeat(1500);
    const blobParts = splitMessage(blob, 2000);
    expect(blobParts.map((part) => part.length)).toEqual([2000, 1000]);
    expect(blobParts.join('')).toBe(blob);
  });

  it('does not cut decimals or dates', () => {
    const text = `Tổng kinh phí 57,600 tỷ đồng; tỷ lệ 2.5 lần so với năm 2010 theo văn bản ngày 28.12.2012. `.repeat(
      40,
    );
    for (const part of splitMessage(text, 700)) expect(part).toMatch(/\.$/);
  });
});
