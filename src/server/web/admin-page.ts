import type { FileReport } from '../../knowledge/load-knowledge-folder.ts';
import type { UnansweredGroup } from '../../state/question-log/port.ts';
import { formatVietnameseDate } from '../../text/dates.ts';
import { escapeHtml, page } from './html.ts';

/** The admin pages' script and style, served from /admin/static/ (the policy allows no inline script). */
export function adminHead(csrfToken: string): string {
  return `<meta name="csrf-token" content="${escapeHtml(csrfToken)}">
<link rel="stylesheet" href="/admin/static/admin.css">
<script src="/admin/static/admin.js" defer></script>`;
}

/** A hidden field carrying the CSRF token, for forms that work without the script. */
export function csrfField(csrfToken: string): string {
  return `<input type="hidden" name="_csrf" value="${escapeHtml(csrfToken)}">`;
}

export function editLink(source: string): string {
  return `/admin/edit?source=${encodeURIComponent(source)}`;
}

const NOTICES: Readonly<Record<string, string>> = {
  saved: 'Đã lưu thông tin văn bản.',
  removed: 'Đã xoá văn bản.',
  reloaded: 'Đã nạp lại thư mục văn bản.',
};

/** One number stated by several files, as the notice at the top of /admin lists it. */
export interface NumberConflict {
  number: string;
  sources: readonly string[];
}

export interface AdminPageData {
  reports: readonly FileReport[];
  /** Numbers more than one loaded file claims: a question naming one is answered from all of its files. */
  conflicts: readonly NumberConflict[];
  documents: number;
  questionsToday: number;
  unansweredToday: number;
  unanswered: readonly UnansweredGroup[];
  csrfToken: string;
  uploadMaxBytes: number;
  uploadExtensions: readonly string[];
  /** One of NOTICES' keys after a form was handled (from the redirect's `?ok=`). */
  notice?: string | undefined;
}

/** "10 MB", "64 KB": the limit as an admin reads it. */
function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${String(Math.round((bytes / (1024 * 1024)) * 100) / 100).replace('.', ',')} MB`;
}

function reportRows(reports: readonly FileReport[], csrfToken: string): string {
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
      const reading = report.reading ? `<div class="reading">${escapeHtml(report.reading.summary)}</div>` : '';
      const pending = report.reading?.state === 'pending' ? ' data-pending' : '';
      const edit = m ? `<a class="edit" href="${escapeHtml(editLink(report.source))}">Sửa</a>` : '';
      const remove = `<form method="post" action="/admin/remove" class="remove" data-confirm="${escapeHtml(`Xoá ${report.source} khỏi thư mục văn bản?`)}">${csrfField(csrfToken)}<input type="hidden" name="source" value="${escapeHtml(report.source)}"><button type="submit">Xoá</button></form>`;
      const issuer = [m?.issuer, m?.type].filter(Boolean).join(' · ');
      return `<tr data-source="${escapeHtml(report.source)}"${pending}><td>${name}${reading}</td><td>${escapeHtml(m?.number ?? '—')}</td><td>${escapeHtml(m?.date ? formatVietnameseDate(m.date) : '—')}</td><td>${escapeHtml(m?.province ?? '—')}</td><td>${escapeHtml(issuer || '—')}</td><td>${escapeHtml(m?.title ?? '')}${notes}</td><td class="actions">${edit}${remove}</td></tr>`;
    })
    .join('');
}

/**
 * Shown first, because the per-file warning is easy to miss in a long table and the bot's answers change with it:
 * until one file is kept, every answer about the number quotes and cites each file.
 */
function conflictNotice(conflicts: readonly NumberConflict[]): string {
  if (conflicts.length === 0) return '';
  const items = conflicts
    .map((conflict) => {
      const files = conflict.sources
        .map((source) => `<a href="${escapeHtml(editLink(source))}">${escapeHtml(source)}</a>`)
        .join(', ');
      return `<li>Số hiệu <strong>${escapeHtml(conflict.number)}</strong> có ở ${conflict.sources.length} tệp: ${files}.</li>`;
    })
    .join('');
  return `<section class="card conflicts" id="conflicts">
<h2>Số hiệu trùng nhau</h2>
<ul>${items}</ul>
<p class="hint">Câu hỏi nêu số hiệu này được trả lời bằng tất cả các tệp trên, không tệp nào được chọn thay. Nếu là cùng một văn bản, hãy xoá bớt để chỉ giữ một tệp; nếu là hai văn bản khác nhau, hãy sửa số hiệu cho đúng.</p>
</section>`;
}

/**
 * `/admin`: upload by drag and drop, the documents with what was understood of each (with links to correct or
 * remove it), a reload button, and the questions the bot could not ground.
 */
export function adminPage(data: AdminPageData): string {
  const unansweredRows = data.unanswered
    .map(
      (group) =>
        `<tr><td>${escapeHtml(group.text)}</td><td>${group.count}</td><td>${escapeHtml(new Date(group.lastAskedAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }))}</td><td>${escapeHtml(group.outcome)}</td></tr>`,
    )
    .join('');
  const notice = data.notice && NOTICES[data.notice] ? `<p class="notice">${NOTICES[data.notice]}</p>` : '';
  const accept = data.uploadExtensions.join(',');
  return page(
    'Quản trị — hoidap-cntt',
    `<main class="wide">
<h1>Quản trị</h1>
<p class="lead">Hôm nay: ${data.questionsToday} câu hỏi, ${data.unansweredToday} câu chưa trả lời được. Đang nạp ${data.documents} văn bản.</p>
${conflictNotice(data.conflicts)}
${notice}
<section class="card" id="upload">
<h2>Thêm văn bản</h2>
<div id="drop" class="drop" data-max-bytes="${data.uploadMaxBytes}">
<p>Kéo thả một hoặc nhiều tệp vào đây, hoặc <label class="pick">chọn tệp<input type="file" id="files" multiple accept="${escapeHtml(accept)}"></label></p>
<p class="hint">Mỗi tệp tối đa ${size(data.uploadMaxBytes)}. Nhận: ${escapeHtml(data.uploadExtensions.join(' '))}. Tệp trùng tên sẽ thay tệp cũ.</p>
</div>
<ol id="uploads" class="uploads"></ol>
</section>
<form method="post" action="/admin/reload" id="reload">${csrfField(data.csrfToken)}<button type="submit">Nạp lại thư mục văn bản</button></form>
<h2>Văn bản và những gì bot hiểu được</h2>
<div class="card"><table id="documents"><thead><tr><th>Tệp</th><th>Số hiệu</th><th>Ngày</th><th>Tỉnh</th><th>Cơ quan, loại</th><th>Trích yếu, cảnh báo</th><th></th></tr></thead><tbody>${reportRows(data.reports, data.csrfToken)}</tbody></table></div>
<h2>Câu hỏi chưa trả lời được (mới nhất trước)</h2>
<div class="card"><table><thead><tr><th>Câu hỏi</th><th>Số lần</th><th>Lần cuối</th><th>Lý do</th></tr></thead><tbody>${unansweredRows || '<tr><td colspan="4">Chưa có.</td></tr>'}</tbody></table></div>
</main>`,
    adminHead(data.csrfToken),
  );
}
