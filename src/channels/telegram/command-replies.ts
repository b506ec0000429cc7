import type { FileReport } from '../../knowledge/load-knowledge-folder.ts';
import type { DailyStats } from '../../state/question-log/port.ts';
import { formatVietnameseDate } from '../../text/dates.ts';

/** What the channel says itself: for commands it does not know, and for the admins' /reload and /stats. */

export const UNKNOWN_COMMAND_TEXT =
  'Tôi không hiểu lệnh này. Các lệnh: /start (giới thiệu), /help (hướng dẫn), /nguon (danh sách văn bản), ' +
  '/reset (xoá lịch sử), /hoi <câu hỏi>. Hoặc bạn cứ gõ câu hỏi.';

/** /start answers with the assistant's help (coverage, example questions), opened with a greeting. */
export const START_GREETING = 'Xin chào!';

export function withGreeting(text: string): string {
  return text.startsWith('Xin chào') ? text : `${START_GREETING}\n\n${text}`;
}

export function statsText(stats: DailyStats, documents: number): string {
  return [
    `Thống kê ngày ${formatVietnameseDate(stats.day)} (giờ Việt Nam):`,
    `- Văn bản đang có: ${documents}`,
    `- Câu hỏi hôm nay: ${stats.questions}`,
    `- Chưa trả lời được: ${stats.unanswered}`,
  ].join('\n');
}

const MAX_LISTED_PROBLEMS = 20;

export function reloadText(documents: number, reports: readonly FileReport[]): string {
  const skipped = reports.filter((report) => report.documentId === null).length;
  const problems = reports.flatMap((report) => [
    ...report.errors.map(
      (error) => `- ${report.source}${error.line ? ` (dòng ${error.line})` : ''}: lỗi: ${error.message}`,
    ),
    ...report.warnings.map((warning) => `- ${report.source}: ${warning}`),
  ]);
  const lines = [
    `Đã nạp lại kho văn bản: ${documents} văn bản từ ${reports.length} tệp${skipped > 0 ? `, bỏ qua ${skipped} tệp` : ''}.`,
  ];
  if (problems.length > 0) {
    lines.push(`Cảnh báo (${problems.length}):`, ...problems.slice(0, MAX_LISTED_PROBLEMS));
    if (problems.length > MAX_LISTED_PROBLEMS)
      lines.push(`… và ${problems.length - MAX_LISTED_PROBLEMS} cảnh báo khác.`);
  } else {
    lines.push('Không có cảnh báo.');
  }
  return lines.join('\n');
}

export const RELOAD_FAILED_TEXT = 'Không nạp lại được kho văn bản; kho cũ vẫn đang được dùng. Chi tiết có trong log.';
export const STATS_FAILED_TEXT = 'Không lấy được thống kê lúc này. Chi tiết có trong log.';
