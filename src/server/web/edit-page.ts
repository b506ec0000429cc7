import type { FileReport } from '../../knowledge/load-knowledge-folder.ts';
import { formatVietnameseDate } from '../../text/dates.ts';
import { adminHead, csrfField } from './admin-page.ts';
import { escapeHtml, page } from './html.ts';

/** The correction form's fields: front matter key, label, and whether it takes a paragraph. */
const FIELDS: ReadonlyArray<{
  key: string;
  field: keyof NonNullable<FileReport['metadata']>;
  label: string;
  long?: true;
}> = [
  { key: 'so_hieu', field: 'number', label: 'Số hiệu' },
  { key: 'ngay_ban_hanh', field: 'date', label: 'Ngày ban hành (dd/mm/yyyy)' },
  { key: 'co_quan_ban_hanh', field: 'issuer', label: 'Cơ quan ban hành' },
  { key: 'tinh', field: 'province', label: 'Tỉnh' },
  { key: 'loai', field: 'type', label: 'Loại văn bản' },
  { key: 'trich_yeu', field: 'title', label: 'Trích yếu', long: true },
  { key: 'thay_the', field: 'replaces', label: 'Thay thế văn bản', long: true },
];

export interface EditPageData {
  report: FileReport;
  /** Where the correction will be written: the file's front matter or its sidecar. */
  target: 'front matter' | 'sidecar';
  csrfToken: string;
  /** What the admin submitted, shown again with the problems when it was refused. */
  submitted?: Readonly<Record<string, unknown>>;
  problems?: readonly string[];
}

function shown(data: EditPageData, key: string, value: string | null, isDate: boolean): string {
  const again = data.submitted?.[key];
  if (typeof again === 'string') return again;
  if (value === null) return '';
  return isDate ? formatVietnameseDate(value) : value;
}

/** `/admin/edit?source=…`: what was understood of one document, in a form that saves the admin's corrections. */
export function editPage(data: EditPageData): string {
  const { report } = data;
  const metadata = report.metadata;
  const inputs = FIELDS.map(({ key, field, label, long }) => {
    const value = escapeHtml(shown(data, key, metadata?.[field] ?? null, field === 'date'));
    const control = long
      ? `<textarea id="${key}" name="${key}" rows="3" maxlength="2000">${value}</textarea>`
      : `<input id="${key}" name="${key}" value="${value}" maxlength="2000" autocomplete="off">`;
    return `<p><label for="${key}">${escapeHtml(label)}</label>${control}</p>`;
  }).join('\n');
  const problems = data.problems?.length
    ? `<div class="card error" id="problems"><p>Chưa lưu được:</p><ul>${data.problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('')}</ul></div>`
    : '';
  const where =
    data.target === 'sidecar'
      ? `Lưu vào tệp kèm <code>${escapeHtml(report.source)}.meta.yaml</code> bên cạnh tệp gốc (tệp gốc giữ nguyên).`
      : `Lưu vào phần front matter ở đầu tệp <code>${escapeHtml(report.source)}</code>.`;
  return page(
    `Sửa thông tin — ${report.source}`,
    `<main>
<p><a href="/admin">← Quản trị</a></p>
<h1>Sửa thông tin: ${escapeHtml(report.source)}</h1>
<p class="lead">${where} Ô để trống nghĩa là văn bản không nêu thông tin đó. Ô không sửa vẫn được đọc từ nội dung văn bản.</p>
${problems}
<form method="post" action="/admin/edit" id="edit" class="card">
${csrfField(data.csrfToken)}<input type="hidden" name="source" value="${escapeHtml(report.source)}">
${inputs}
<p><button type="submit">Lưu</button> <a href="/admin">Huỷ</a></p>
</form>
</main>`,
    adminHead(data.csrfToken),
  );
}
