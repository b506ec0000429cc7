/**
 * The admin pages' script and style, served as files from /admin/static/ because the admin policy allows no
 * inline script. Plain browser JavaScript, no build step. Everything it shows is set with textContent, never
 * parsed as HTML, so a file name or a document title cannot inject markup.
 */
export const ADMIN_SCRIPT = `'use strict';
const csrf = document.querySelector('meta[name="csrf-token"]').content;
const POLL_MS = 2000;

// Delegated, so that rows swapped in after an upload ask too.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) event.preventDefault();
});

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function formatDate(iso) {
  if (!iso) return null;
  const [y, m, d] = iso.split('-');
  return d + '/' + Number(m) + '/' + y;
}

function isPending(report) {
  return Boolean(report && report.reading && report.reading.state === 'pending');
}

// The table as the server renders it now; DOMParser runs no script, and the markup is this server's own.
async function refreshDocuments() {
  try {
    const response = await fetch('/admin', { headers: { accept: 'text/html' } });
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('documents');
    const table = document.getElementById('documents');
    if (fresh && table) table.replaceWith(document.importNode(fresh, true));
  } catch {
    // The page still works; a reload shows the list.
  }
}

// Scans are read by OCR in the background: poll until none is pending, showing each result as it arrives.
const awaitingOcr = new Map();
let polling = null;
function pollWhilePending() {
  if (polling) return;
  polling = setInterval(async () => {
    let reports;
    try {
      reports = await (await fetch('/admin/api/documents', { headers: { accept: 'application/json' } })).json();
    } catch {
      return;
    }
    for (const [source, show] of awaitingOcr) {
      const report = reports.find((candidate) => candidate.source === source);
      if (!isPending(report)) {
        awaitingOcr.delete(source);
        show(report || null);
      }
    }
    if (!reports.some(isPending)) {
      clearInterval(polling);
      polling = null;
      refreshDocuments();
    }
  }, POLL_MS);
}
if (document.querySelector('#documents tr[data-pending]')) pollWhilePending();

const drop = document.getElementById('drop');
if (drop) {
  const input = document.getElementById('files');
  const list = document.getElementById('uploads');
  const maxBytes = Number(drop.dataset.maxBytes);
  let queue = Promise.resolve();
  let waiting = 0;

  // One file at a time: each gets the whole connection, and its progress bar means something. When the last
  // one is done, the documents table is brought up to date.
  const take = (files) => {
    for (const file of files) {
      const row = addRow(file);
      waiting++;
      queue = queue.then(() => upload(file, row)).then(() => {
        if (--waiting === 0) return refreshDocuments();
      });
    }
  };
  drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    take(event.dataTransfer.files);
  });
  input.addEventListener('change', () => { take(input.files); input.value = ''; });
  // A file dropped beside the zone must not navigate away from the page.
  window.addEventListener('dragover', (event) => event.preventDefault());
  window.addEventListener('drop', (event) => event.preventDefault());

  function addRow(file) {
    const item = element('li', 'upload pending');
    item.dataset.name = file.name;
    item.appendChild(element('strong', '', file.name));
    const progress = element('progress');
    progress.max = 1;
    progress.value = 0;
    item.appendChild(progress);
    const status = element('span', 'status', 'Đang chờ…');
    item.appendChild(status);
    const details = element('div', 'details');
    item.appendChild(details);
    list.appendChild(item);
    return { item, progress, status, details };
  }

  function size(bytes) {
    if (bytes < 1048576) return Math.ceil(bytes / 1024) + ' KB';
    return (Math.ceil(bytes / 10485.76) / 100).toString().replace('.', ',') + ' MB';
  }

  function upload(file, row) {
    if (file.size > maxBytes) {
      failed(row, 'Tệp ' + size(file.size) + ' vượt giới hạn ' + size(maxBytes) + '.');
      return Promise.resolve();
    }
    row.status.textContent = 'Đang tải lên…';
    return new Promise((resolve) => {
      const request = new XMLHttpRequest();
      request.open('PUT', '/admin/api/files/' + encodeURIComponent(file.name.normalize('NFC')));
      request.setRequestHeader('content-type', 'application/octet-stream');
      request.setRequestHeader('accept', 'application/json');
      request.setRequestHeader('x-csrf-token', csrf);
      request.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable) row.progress.value = event.loaded / event.total;
      });
      request.upload.addEventListener('load', () => { row.status.textContent = 'Đang đọc tệp…'; });
      request.addEventListener('load', () => {
        let data = {};
        try { data = JSON.parse(request.responseText); } catch {}
        if (request.status >= 200 && request.status < 300) stored(row, data);
        else failed(row, data.error || 'Lỗi ' + request.status);
        resolve();
      });
      request.addEventListener('error', () => { failed(row, 'Mất kết nối với máy chủ.'); resolve(); });
      request.send(file);
    });
  }

  function failed(row, message) {
    row.item.className = 'upload failed';
    row.progress.remove();
    row.status.textContent = message;
  }

  function stored(row, data) {
    row.item.dataset.source = data.source;
    row.progress.value = 1;
    const done = data.replaced ? 'Đã thay tệp cũ.' : 'Đã thêm.';
    if (!isPending(data.report)) return understood(row, data.report, done);
    row.item.className = 'upload ocr';
    row.status.textContent = done + ' Đang nhận dạng chữ (OCR)…';
    row.details.replaceChildren(element('div', 'reading', data.report.reading.summary));
    awaitingOcr.set(data.source, (report) => understood(row, report, done));
    pollWhilePending();
  }

  function understood(row, report, done) {
    row.item.className = 'upload done';
    row.status.textContent = done;
    const parts = [];
    if (!report) {
      row.details.replaceChildren(element('div', 'warn', 'Tệp đã lưu nhưng chưa được nạp; hãy bấm nạp lại.'));
      return;
    }
    if (report.reading) parts.push(element('div', 'reading', report.reading.summary));
    const m = report.metadata || {};
    const facts = element('dl', 'facts');
    const rows = [
      ['Số hiệu', m.number], ['Ngày ban hành', formatDate(m.date)], ['Cơ quan ban hành', m.issuer],
      ['Tỉnh', m.province], ['Loại', m.type], ['Trích yếu', m.title], ['Thay thế', m.replaces],
    ];
    for (const [label, value] of rows) {
      facts.appendChild(element('dt', '', label));
      facts.appendChild(element('dd', value ? '' : 'missing', value || '—'));
    }
    parts.push(facts);
    for (const error of report.errors) parts.push(element('div', 'error', 'Lỗi: ' + error.message));
    for (const warning of report.warnings) parts.push(element('div', 'warn', 'Cảnh báo: ' + warning));
    if (report.metadata) {
      const link = element('a', 'edit', 'Sửa thông tin');
      link.href = '/admin/edit?source=' + encodeURIComponent(report.source);
      parts.push(link);
    }
    row.details.replaceChildren(...parts);
  }
}
`;

export const ADMIN_STYLE = `main.wide { max-width: 1100px; }
h2 { font-size: 1.05rem; margin: 18px 0 8px; }
.notice { background: #e8f4ea; border: 1px solid #b7dcbf; border-radius: 8px; padding: 8px 12px; }
.conflicts { background: #fff6e5; border: 1px solid #f0c987; }
.conflicts h2 { margin-top: 0; color: #8a5300; }
.conflicts .hint { color: var(--muted); font-size: 0.9rem; margin-bottom: 0; }
.drop { border: 2px dashed var(--line); border-radius: 10px; padding: 18px; text-align: center; background: var(--bg); }
.drop.over { border-color: var(--accent); background: #eaf2fb; }
.drop .hint { color: var(--muted); font-size: 0.9rem; margin: 6px 0 0; }
.pick { color: var(--accent); text-decoration: underline; cursor: pointer; }
.pick input { position: absolute; width: 1px; height: 1px; opacity: 0; }
.uploads { padding-left: 20px; }
.upload { margin: 10px 0; }
.upload progress { margin: 0 8px; vertical-align: middle; }
.upload .status { margin-left: 8px; }
.upload.failed .status { color: #b00020; }
.upload.ocr .status { color: var(--muted); }
.reading { color: var(--muted); font-size: 0.9rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.facts dd.missing { color: #8a5300; }
.actions { white-space: nowrap; }
.actions form { display: inline; margin-left: 8px; }
button { font: inherit; padding: 6px 12px; border: 1px solid var(--line); border-radius: 8px; background: #fff; cursor: pointer; }
form#reload button, form#edit button { background: var(--accent); color: #fff; border: 0; }
form#edit label { display: block; font-weight: 600; margin-bottom: 2px; }
form#edit input, form#edit textarea { width: 100%; font: inherit; padding: 8px 10px; border: 1px solid var(--line); border-radius: 8px; }
code { font-size: 0.9em; }
`;
