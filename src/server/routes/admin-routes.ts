import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FileReport } from '../../knowledge/load-knowledge-folder.ts';
import type { KnowledgeLibrary } from '../../library/knowledge-library.ts';
import { type QuestionLog, vietnamDay } from '../../state/question-log/port.ts';
import { formatVietnameseDate } from '../../text/dates.ts';
import { constantTimeEqual } from '../../util/constant-time-equal.ts';
import { escapeHtml, page } from '../web/html.ts';

const UNANSWERED_SHOWN = 100;

export interface AdminRouteDependencies {
  library: KnowledgeLibrary;
  questionLog: QuestionLog;
}

/** The token comes as `Authorization: Bearer <token>`, or as the password of HTTP Basic (what a browser asks for). */
function presentedToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization ?? '';
  if (header.startsWith('Bearer ')) return header.slice(7);
  if (header.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1);
  }
  return null;
}

function reportRows(reports: readonly FileReport[]): string {
  return reports
    .map((report) => {
      const m = report.metadata;
      const notes = [
        ...report.errors.map((error) => `<div class="error">Lỗi: ${escapeHtml(error.message)}</div>`),
        ...report.warnings.map((warning) => `<div class="warn">Cảnh báo: ${escapeHtml(warning)}</div>`),
      ].join('');
      const name = report.documentId
        ? `<a href="/documents/${encodeURIComponent(report.source)}">${escapeHtml(report.source)}</a>`
        : `${escapeHtml(report.source)} <span class="error">(bỏ qua)</span>`;
      return `<tr><td>${name}</td><td>${escapeHtml(m?.number ?? '—')}</td><td>${escapeHtml(m?.date ? formatVietnameseDate(m.date) : '—')}</td><td>${escapeHtml(m?.province ?? '—')}</td><td>${escapeHtml(m?.title ?? '')}${notes}</td></tr>`;
    })
    .join('');
}

async function adminPage({ library, questionLog }: AdminRouteDependencies): Promise<string> {
  const reports = library.reports();
  const [stats, unanswered] = await Promise.all([
    questionLog.stats(vietnamDay(Date.now())),
    questionLog.unanswered(UNANSWERED_SHOWN),
  ]);
  const unansweredRows = unanswered
    .map(
      (group) =>
        `<tr><td>${escapeHtml(group.text)}</td><td>${group.count}</td><td>${escapeHtml(new Date(group.lastAskedAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }))}</td><td>${escapeHtml(group.outcome)}</td></tr>`,
    )
    .join('');
  return page(
    'Quản trị — hoidap-cntt',
    `<main>
<h1>Quản trị</h1>
<p class="lead">Hôm nay: ${stats.questions} câu hỏi, ${stats.unanswered} câu chưa trả lời được. Đang nạp ${library.current().documents.length} văn bản.</p>
<form method="post" action="/admin/reload"><button type="submit">Nạp lại thư mục văn bản</button></form>
<h2>Văn bản và những gì bot hiểu được</h2>
<div class="card"><table><thead><tr><th>Tệp</th><th>Số hiệu</th><th>Ngày</th><th>Tỉnh</th><th>Trích yếu, cảnh báo</th></tr></thead><tbody>${reportRows(reports)}</tbody></table></div>
<h2>Câu hỏi chưa trả lời được (mới nhất trước)</h2>
<div class="card"><table><thead><tr><th>Câu hỏi</th><th>Số lần</th><th>Lần cuối</th><th>Lý do</th></tr></thead><tbody>${unansweredRows || '<tr><td colspan="4">Chưa có.</td></tr>'}</tbody></table></div>
</main>`,
  );
}

/**
 * `/admin` behind ADMIN_TOKEN: the documents with the metadata understood and their warnings, the
 * questions the bot could not ground (grouped, counted, newest first), and a reload button. JSON twins
 * under `/admin/api/`.
 */
export function registerAdminRoutes(
  server: FastifyInstance,
  dependencies: AdminRouteDependencies & { token: string },
): void {
  const { library, questionLog, token } = dependencies;
  server.register(async (admin) => {
    admin.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const given = presentedToken(request);
      if (given === null || !constantTimeEqual(given, token)) {
        return reply
          .status(401)
          .header('www-authenticate', 'Basic realm="hoidap-admin", charset="UTF-8"')
          .send({ error: 'unauthorised' });
      }
    });

    admin.get('/admin', async (_, reply) => reply.type('text/html; charset=utf-8').send(await adminPage(dependencies)));

    admin.post('/admin/reload', async (request, reply) => {
      const result = await library.reload();
      const body = {
        documents: result.documents,
        errors: result.reports.flatMap((report) => report.errors.map((error) => ({ source: report.source, ...error }))),
        warnings: result.reports.flatMap((report) =>
          report.warnings.map((warning) => ({ source: report.source, warning })),
        ),
      };
      if ((request.headers.accept ?? '').includes('text/html')) return reply.redirect('/admin', 303);
      return reply.send(body);
    });

    admin.get('/admin/api/documents', async () => library.reports());
    admin.get<{ Querystring: { limit?: string } }>('/admin/api/unanswered', async (request) =>
      questionLog.unanswered(Math.min(1000, Number(request.query.limit ?? UNANSWERED_SHOWN) || UNANSWERED_SHOWN)),
    );
  });
}
