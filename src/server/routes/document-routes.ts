import type { FastifyInstance } from 'fastify';
import { sourceLine } from '../../answer/citation.ts';
import type { KnowledgeDocument } from '../../knowledge/document.ts';
import type { KnowledgeLibrary } from '../../library/knowledge-library.ts';
import { formatVietnameseDate } from '../../text/dates.ts';
import { escapeHtml, page } from '../web/html.ts';

function findDocument(library: Pick<KnowledgeLibrary, 'current'>, key: string): KnowledgeDocument | undefined {
  // The router has decoded the path once already; decoding again turns "50%25.md" into a URIError (500).
  const wanted = key.replace(/^\/+/, '');
  return library.current().documents.find((document) => document.id === wanted || document.source === wanted);
}

function documentPage(document: KnowledgeDocument): string {
  const m = document.metadata;
  const rows: Array<[string, string | null]> = [
    ['Số hiệu', m.number ?? 'không nêu trong nguồn'],
    ['Ngày ban hành', m.date ? formatVietnameseDate(m.date) : 'không nêu trong nguồn'],
    ['Cơ quan ban hành', m.issuer],
    ['Tỉnh', m.province],
    ['Loại văn bản', m.type],
    ['Trích yếu', m.title],
    ['Thay thế', m.replaces],
    ['Thực hiện', m.implements],
    ['Nguồn tin', m.origin],
    ['Ngày đăng', m.publishedDate ? formatVietnameseDate(m.publishedDate) : null],
    ['Tệp', document.source],
  ];
  const table = rows
    .filter(([, value]) => value)
    .map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value!)}</td></tr>`)
    .join('');
  return page(
    sourceLine(document),
    `<main>
<p><a href="/">← Hỏi đáp</a></p>
<h1>${escapeHtml(sourceLine(document))}</h1>
<div class="card"><table>${table}</table></div>
<div class="card"><pre class="doc">${escapeHtml(document.text)}</pre></div>
</main>`,
  );
}

/**
 * `GET /documents/:id`: a document's metadata and text, by id or by file name (what citations carry);
 * JSON with `Accept: application/json` or `?format=json`.
 */
export function registerDocumentRoutes(
  server: FastifyInstance,
  { library }: { library: Pick<KnowledgeLibrary, 'current'> },
): void {
  server.get<{ Params: { '*': string }; Querystring: { format?: string } }>('/documents/*', async (request, reply) => {
    const document = findDocument(library, request.params['*']);
    if (!document) return reply.status(404).send({ error: 'no such document' });
    const wantsJson = request.query.format === 'json' || (request.headers.accept ?? '').includes('application/json');
    if (wantsJson) {
      const { id, source, format, metadata, text } = document;
      return reply.send({ id, source, format, metadata, citation: sourceLine(document), text });
    }
    return reply.type('text/html; charset=utf-8').send(documentPage(document));
  });
}
