import { describe, expect, it } from 'vitest';
import { formatHistory, needsRewrite, usableRewrite } from '../../../src/answer/llm/follow-up-history.ts';
import { declinesToAnswer, looksVietnamese, tidyModelText } from '../../../src/answer/llm/model-text.ts';
import type { KnowledgeBase } from '../../../src/search/knowledge-base.ts';
import type { ConversationTurn } from '../../../src/state/conversations/port.ts';
import { resolveFollowUp } from '../../../src/understanding/resolve-follow-up.ts';
import { understandQuestion } from '../../../src/understanding/understand-question.ts';

describe('looksVietnamese', () => {
  it.each([
    ['Hà Tĩnh đặt mục tiêu 15% dịch vụ công trực tuyến mức độ 4.', true],
    ['Tong kinh phi la 57,600 ty dong theo ke hoach cua tinh Bac Lieu.', false],
    ['Ha Tinh targets 15% of level 4 online public services.', false],
    ['{"answer": "15%"}', false],
    ['', false],
    ['Đúng.', false],
  ])('%j → %s', (text, expected) => {
    expect(looksVietnamese(text)).toBe(expected);
  });
});

describe('tidyModelText', () => {
  it.each([
    ['**Hà Tĩnh** đạt __15%__.', 'Hà Tĩnh đạt 15%.'],
    ['## Trả lời\n* Mục 1\n• Mục 2', 'Trả lời\n- Mục 1\n- Mục 2'],
    ['Dòng 1\r\n\r\n\r\n\r\nDòng 2  ', 'Dòng 1\n\nDòng 2'],
    ['```\nHà Tĩnh đạt 15%.\n```', 'Hà Tĩnh đạt 15%.'],
  ])('%j', (text, tidy) => {
    expect(tidyModelText(text)).toBe(tidy);
  });
});

describe('declinesToAnswer', () => {
  it.each([
    ['Các văn bản được cung cấp không nêu thông tin này.', false, true],
    ['Văn bản không đề cập tới chỉ tiêu này.', false, true],
    ['Hà Tĩnh đạt 15% mức độ 4; văn bản không nêu mức độ 3 năm 2015.', true, false],
    ['Hà Tĩnh phấn đấu vào nhóm dẫn đầu về Chính phủ điện tử.', false, false],
  ])('%s', (text, hasFigure, declines) => {
    expect(declinesToAnswer(text, hasFigure)).toBe(declines);
  });
});

describe('follow-up rewriting', () => {
  const knowledge = {
    documents: [{ id: 'ha-tinh', metadata: { type: 'Quyết định', number: '4086/QĐ-UBND' } }],
  } as unknown as KnowledgeBase;
  const turn: ConversationTurn = {
    question: 'Hà Tĩnh đặt mục tiêu bao nhiêu % dịch vụ công mức 4?',
    provinces: ['Hà Tĩnh'],
    documentIds: ['ha-tinh'],
    terms: ['dich', 'vu', 'cong'],
    intent: 'fact',
    grounded: true,
    at: 0,
  };

  it('rewrites only a question that leans on the conversation', () => {
    const followUp = resolveFollowUp(understandQuestion('Còn Quảng Bình thì sao?'), turn);
    const standalone = resolveFollowUp(
      understandQuestion('Quảng Bình đặt mục tiêu bao nhiêu % dịch vụ công mức 4?'),
      turn,
    );
    expect(needsRewrite(followUp, [turn])).toBe(true);
    expect(needsRewrite(standalone, [turn])).toBe(false);
    expect(needsRewrite(followUp, [])).toBe(false);
  });

  it('shows earlier questions with what they were about', () => {
    expect(formatHistory([turn], knowledge)).toBe(
      '1. Hà Tĩnh đặt mục tiêu bao nhiêu % dịch vụ công mức 4? (tỉnh: Hà Tĩnh; văn bản: Quyết định số 4086/QĐ-UBND)',
    );
  });

  it.each([
    ['Quảng Bình đặt mục tiêu bao nhiêu?', 'Quảng Bình đặt mục tiêu bao nhiêu?'],
    ['Câu hỏi viết lại: "Quảng Bình đặt mục tiêu bao nhiêu?"\nGiải thích: …', 'Quảng Bình đặt mục tiêu bao nhiêu?'],
    ['   ', null],
    ['x'.repeat(500), null],
  ])('usableRewrite(%j)', (text, expected) => {
    expect(usableRewrite(text)).toBe(expected);
  });
});
