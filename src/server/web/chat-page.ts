import { EXAMPLE_QUESTIONS } from '../../answer/messages.ts';
import { escapeHtml, page } from './html.ts';

/**
 * The web chat: one page, no build step, usable on a phone. It posts to /v1/chat and shows each answer with
 * links to the documents it cites. Who is asking is the server's business: its HttpOnly session cookie, which
 * the browser sends with every question, keeps follow-ups in one conversation and out of reach of the page.
 */
const SCRIPT = `
const log = document.getElementById('log');
const form = document.getElementById('ask');
const input = document.getElementById('text');
const button = form.querySelector('button');

function bubble(kind, text) {
  const div = document.createElement('div');
  div.className = 'msg ' + kind;
  div.textContent = text;
  log.appendChild(div);
  div.scrollIntoView({ block: 'end' });
  return div;
}

function formatDate(iso) {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return d + '/' + Number(m) + '/' + y;
}

function showAnswer(data) {
  const div = bubble('bot', data.answer);
  div.dataset.grounded = String(data.grounded);
  if (data.citations && data.citations.length) {
    const list = document.createElement('ul');
    list.className = 'sources';
    for (const c of data.citations) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = '/documents/' + encodeURIComponent(c.source);
      link.textContent = [c.number ? 'Số ' + c.number : 'Không số', formatDate(c.date), c.province].filter(Boolean).join(' · ');
      item.appendChild(link);
      list.appendChild(item);
    }
    div.appendChild(list);
  }
}

async function ask(text) {
  bubble('me', text);
  button.disabled = true;
  const waiting = bubble('bot pending', 'Đang tìm trong văn bản…');
  try {
    const response = await fetch('/v1/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
    const data = await response.json();
    waiting.remove();
    if (data.error) bubble('bot', 'Xin lỗi, câu hỏi chưa gửi được: ' + data.error);
    else showAnswer(data);
  } catch (error) {
    waiting.remove();
    bubble('bot', 'Xin lỗi, không kết nối được máy chủ. Bạn thử lại sau nhé.');
  } finally {
    button.disabled = false;
    input.focus();
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  ask(text);
});
for (const example of document.querySelectorAll('[data-example]')) {
  example.addEventListener('click', () => ask(example.dataset.example));
}
`;

const CHAT_STYLE = `<style>
#log { display: flex; flex-direction: column; gap: 10px; margin: 12px 0 96px; }
.msg { max-width: 92%; padding: 10px 12px; border-radius: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.msg.me { align-self: flex-end; background: #0b5cad; color: #fff; }
.msg.bot { align-self: flex-start; background: #fff; border: 1px solid var(--line); }
.msg.pending { color: var(--muted); }
.sources { margin: 8px 0 0; padding-left: 18px; font-size: 0.9rem; }
form#ask { position: fixed; left: 0; right: 0; bottom: 0; background: #fff; border-top: 1px solid var(--line); padding: 10px; }
form#ask div { max-width: 760px; margin: 0 auto; display: flex; gap: 8px; }
form#ask input { flex: 1; font: inherit; padding: 10px 12px; border: 1px solid var(--line); border-radius: 8px; min-width: 0; }
form#ask button { font: inherit; padding: 10px 16px; border: 0; border-radius: 8px; background: var(--accent); color: #fff; }
.examples button { font: inherit; font-size: 0.9rem; margin: 0 6px 6px 0; padding: 6px 10px; border: 1px solid var(--line); border-radius: 16px; background: #fff; cursor: pointer; text-align: left; }
</style>`;

export function chatPage(): string {
  const examples = EXAMPLE_QUESTIONS.map(
    (question) => `<button type="button" data-example="${escapeHtml(question)}">${escapeHtml(question)}</button>`,
  ).join('');
  return page(
    'Hỏi đáp quy hoạch CNTT',
    `<main>
<h1>Hỏi đáp quy hoạch, kế hoạch CNTT các tỉnh</h1>
<p class="lead">Câu trả lời lấy từ văn bản gốc và ghi rõ số hiệu, ngày ban hành. Có thể gõ không dấu.</p>
<div class="examples">${examples}</div>
<div id="log" aria-live="polite"></div>
</main>
<form id="ask" autocomplete="off"><div>
<input id="text" name="text" maxlength="4000" placeholder="Nhập câu hỏi, ví dụ: ha tinh dvc muc 4 bao nhieu" aria-label="Câu hỏi" required>
<button type="submit">Hỏi</button>
</div></form>
<script>${SCRIPT}</script>`,
    CHAT_STYLE,
  );
}
