import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatPassages, PassageRetriever } from '../../../src/answer/llm/passage-retriever.ts';
import { BUNDLED_KNOWLEDGE_DIR } from '../../../src/config.ts';
import { KnowledgeLibrary } from '../../../src/library/knowledge-library.ts';
import type { KnowledgeBase } from '../../../src/search/knowledge-base.ts';
import { groundQuestion } from '../../../src/understanding/ground-question.ts';
import { resolveFollowUp } from '../../../src/understanding/resolve-follow-up.ts';
import { understandQuestion } from '../../../src/understanding/understand-question.ts';

let knowledge: KnowledgeBase;

beforeAll(async () => {
  const library = new KnowledgeLibrary({ dir: BUNDLED_KNOWLEDGE_DIR, logger: pino({ level: 'silent' }) });
  await library.reload();
  knowledge = library.current();
});

function retrieverFor(text: string): PassageRetriever {
  return new PassageRetriever({
    knowledge,
    grounding: groundQuestion(knowledge, resolveFollowUp(understandQuestion(text), undefined)),
  });
}

describe('PassageRetriever returns the grounded passages, whatever the query', () => {
  it('a fact: the passage that answers, with its document metadata', async () => {
    const documents = await retrieverFor('Hà Tĩnh đặt mục tiêu bao nhiêu phần trăm dịch vụ công mức độ 4?').invoke(
      'bất kỳ câu nào',
    );
    expect(documents.length).toBeGreaterThan(0);
    expect(documents[0]!.pageContent).toContain('15% mức độ 4');
    expect(documents[0]!.metadata).toMatchObject({
      number: '4086/QĐ-UBND',
      date: '2012-12-28',
      issuer: 'UBND tỉnh Hà Tĩnh',
      province: 'Hà Tĩnh',
      source: 'ha-tinh-4086-qd-ubnd-2012.md',
      citation: 'Quyết định số 4086/QĐ-UBND ngày 28/12/2012 của UBND tỉnh Hà Tĩnh',
    });
  });

  it('a comparison: passages of each document', async () => {
    const documents = await retrieverFor(
      'So sánh tỷ lệ dịch vụ công trực tuyến mức độ 4 của Hà Tĩnh và Quảng Bình',
    ).invoke('');
    expect(new Set(documents.map((document) => document.metadata.number))).toEqual(
      new Set(['4086/QĐ-UBND', '2972/QĐ-UBND']),
    );
  });

  it('an overview: the issuing sentence and the targets with figures, within a budget', async () => {
    const documents = await retrieverFor('Quy hoạch CNTT của Quảng Bình có nội dung gì?').invoke('');
    const text = documents.map((document) => document.pageContent).join('\n');
    expect(text).toContain('2972/QĐ-UBND');
    expect(text).toContain('50% dịch vụ công');
    expect(text.length).toBeLessThanOrEqual(2500 + documents.length);
    const ids = documents.map((document) => document.metadata.passageId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('nothing for what the model never writes', async () => {
    expect(await retrieverFor('Quyết định 4086 ban hành ngày nào?').invoke('')).toEqual([]);
    expect(await retrieverFor('Nghệ An đặt mục tiêu bao nhiêu % dịch vụ công mức 4?').invoke('')).toEqual([]);
  });
});

describe('formatPassages', () => {
  it('introduces each document by its metadata and lists passages under their heading once', async () => {
    const documents = await retrieverFor('Quy hoạch CNTT của Quảng Bình có nội dung gì?').invoke('');
    const text = formatPassages(documents);
    expect(
      text.startsWith(
        '[Văn bản 1] Quyết định số 2972/QĐ-UBND ngày 24/8/2017 của UBND tỉnh Quảng Bình\nĐịa phương: tỉnh Quảng Bình\n',
      ),
    ).toBe(true);
    expect(text.match(/Các chỉ tiêu chủ yếu/g)).toHaveLength(1);
    expect(text).toMatch(/\n {2}- 70% dịch vụ công được cung cấp trực tuyến ở mức độ 3 và 50%/);
  });
});
