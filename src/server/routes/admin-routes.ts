import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FileReport } from '../../knowledge/load-knowledge-folder.ts';
import { type KnowledgeFiles, KnowledgeFileWriteError } from '../../library/knowledge-files.ts';
import type { KnowledgeLibrary } from '../../library/knowledge-library.ts';
import { UPLOAD_EXTENSIONS, uploadNameProblem } from '../../library/upload-name.ts';
import { type KnowledgeBase, sharedNumbers } from '../../search/knowledge-base.ts';
import { type QuestionLog, vietnamDay } from '../../state/question-log/port.ts';
import { csrfTokenForPage, guardAdmin } from '../admin/admin-guard.ts';
import { CsrfTokens } from '../admin/csrf-tokens.ts';
import { LoginThrottle } from '../admin/login-throttle.ts';
import { correctionFrom } from '../admin/metadata-correction.ts';
import { ADMIN_SCRIPT, ADMIN_STYLE } from '../web/admin-assets.ts';
import { adminPage, type NumberConflict } from '../web/admin-page.ts';
import { editPage } from '../web/edit-page.ts';

const UNANSWERED_SHOWN = 100;
/** Forms carry a few fields; nothing else is sent urlencoded. */
const FORM_BODY_LIMIT = 64 * 1024;
/** Wrong tokens per client before it is refused, and for how long it then is. */
const MAX_WRONG_TOKENS = 10;
const WRONG_TOKEN_WINDOW_MS = 15 * 60 * 1000;
const NO_SUCH_FILE = 'không có tệp này trong thư mục văn bản';

export interface AdminRouteDependencies {
  library: KnowledgeLibrary;
  files: KnowledgeFiles;
  questionLog: QuestionLog;
  token: string;
  uploadMaxBytes: number;
  /** Hosts besides the request's own Host header that admin forms may be posted from (PUBLIC_URL's). */
  trustedHosts?: readonly string[];
  throttle?: LoginThrottle;
}

/** What every group of admin routes works with. */
interface AdminContext extends AdminRouteDependencies {
  csrf: CsrfTokens;
  /** The report of a file the library listed, or undefined: a name from a request is never a path by itself. */
  knownReport(source: string | undefined): FileReport | undefined;
}

const WRITE_ERROR_STATUS: Readonly<Record<KnowledgeFileWriteError['code'], number>> = {
  BAD_NAME: 400,
  NOT_FOUND: 404,
  BAD_FRONT_MATTER: 409,
  TOO_LARGE: 413,
};

function wantsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

function bodyField(request: FastifyRequest, name: string): string | undefined {
  const body = request.body;
  if (!body || typeof body !== 'object') return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function reportOf(result: { reports: readonly FileReport[] }, source: string): FileReport | null {
  return result.reports.find((report) => report.source === source) ?? null;
}

function html(reply: FastifyReply, body: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(body);
}

/**
 * `/admin` behind ADMIN_TOKEN (see guardAdmin for tokens, throttling, CSRF and headers): the documents with
 * what was understood, upload by drag and drop (`PUT /admin/api/files/NAME`, the file as the body), a form
 * to correct a document's metadata (`/admin/edit`), removal (`POST /admin/remove`), reload, and the questions
 * the bot could not ground. Writes go to the knowledge folder that every process watches, so a file uploaded
 * through one process reaches all of them; this process reloads at once to show what it understood.
 */
export function registerAdminRoutes(server: FastifyInstance, dependencies: AdminRouteDependencies): void {
  const { library, token } = dependencies;
  const context: AdminContext = {
    ...dependencies,
    csrf: new CsrfTokens(token),
    knownReport: (source) =>
      source === undefined ? undefined : library.reports().find((report) => report.source === source),
  };
  const throttle =
    dependencies.throttle ?? new LoginThrottle({ maxFailures: MAX_WRONG_TOKENS, windowMs: WRONG_TOKEN_WINDOW_MS });

  server.register(async (admin) => {
    guardAdmin(admin, { token, throttle, csrf: context.csrf, trustedHosts: dependencies.trustedHosts ?? [] });
    acceptAdminBodies(admin, dependencies.uploadMaxBytes);
    registerPages(admin, context);
    registerUpload(admin, context);
    registerCorrection(admin, context);
    registerRemoveAndReload(admin, context);
  });
}

/** Bodies: HTML forms (urlencoded), files (octet-stream), JSON from scripts; errors in the admin's words. */
function acceptAdminBodies(admin: FastifyInstance, uploadMaxBytes: number): void {
  // A cross-site form can only send urlencoded, multipart or text/plain: text/plain has no use here at all.
  admin.removeContentTypeParser('text/plain');
  admin.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (_, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  admin.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_, body, done) => done(null, body));

  admin.setErrorHandler((error: FastifyError | KnowledgeFileWriteError, _, reply) => {
    if (error instanceof KnowledgeFileWriteError) {
      return reply.status(WRITE_ERROR_STATUS[error.code]).send({ error: error.message });
    }
    if (error.statusCode === 413) {
      const limit = `${Math.round((uploadMaxBytes / (1024 * 1024)) * 100) / 100} MB`;
      return reply.status(413).send({ error: `tệp quá lớn: tối đa ${limit} (UPLOAD_MAX_BYTES)` });
    }
    throw error; // the server's own handler answers the rest
  });
}

/** Numbers claimed by several files of the base, each with the files' names. */
function numberConflicts(knowledge: KnowledgeBase): NumberConflict[] {
  return sharedNumbers(knowledge).map(({ number, documents }) => ({
    number,
    sources: documents.map((docIndex) => knowledge.documents[docIndex]!.source),
  }));
}

/** The admin page, its script and style, and the JSON twins of what it shows. */
function registerPages(admin: FastifyInstance, { library, questionLog, csrf, uploadMaxBytes }: AdminContext): void {
  admin.get('/admin/static/admin.js', async (_, reply) =>
    reply.type('text/javascript; charset=utf-8').send(ADMIN_SCRIPT),
  );
  admin.get('/admin/static/admin.css', async (_, reply) => reply.type('text/css; charset=utf-8').send(ADMIN_STYLE));

  admin.get<{ Querystring: { ok?: string } }>('/admin', async (request, reply) => {
    const csrfToken = csrfTokenForPage(request, reply, csrf);
    const [stats, unanswered] = await Promise.all([
      questionLog.stats(vietnamDay(Date.now())),
      questionLog.unanswered(UNANSWERED_SHOWN),
    ]);
    const knowledge = library.current();
    const page = adminPage({
      reports: library.reports(),
      conflicts: numberConflicts(knowledge),
      documents: knowledge.documents.length,
      questionsToday: stats.questions,
      unansweredToday: stats.unanswered,
      unanswered,
      csrfToken,
      uploadMaxBytes,
      uploadExtensions: UPLOAD_EXTENSIONS,
      notice: request.query.ok,
    });
    return html(reply, page);
  });

  admin.get('/admin/api/documents', async () => library.reports());
  admin.get('/admin/api/conflicts', async () => numberConflicts(library.current()));
  admin.get<{ Querystring: { limit?: string } }>('/admin/api/unanswered', async (request) =>
    questionLog.unanswered(Math.min(1000, Number(request.query.limit ?? UNANSWERED_SHOWN) || UNANSWERED_SHOWN)),
  );
}

/** `PUT /admin/api/files/NAME` with the file as the body: stored, loaded, and what was understood returned. */
function registerUpload(admin: FastifyInstance, { library, files, uploadMaxBytes }: AdminContext): void {
  // A wildcard, not `:name`: the router caps named parameters at 100 characters, and a Vietnamese file name
  // is often longer than that.
  admin.put<{ Params: { '*': string } }>(
    '/admin/api/files/*',
    { bodyLimit: uploadMaxBytes },
    async (request, reply) => {
      // macOS hands out decomposed names; the folder and the links use the composed form.
      const name = request.params['*'].normalize('NFC');
      const problem = uploadNameProblem(name);
      if (problem) return reply.status(400).send({ error: `${name}: ${problem}` });
      if (!Buffer.isBuffer(request.body)) {
        return reply.status(415).send({ error: 'gửi nội dung tệp với Content-Type: application/octet-stream' });
      }
      const bytes = request.body.length;
      if (bytes === 0) return reply.status(400).send({ error: `${name}: tệp rỗng` });
      const saved = await files.save(name, request.body);
      request.log.info({ source: saved.source, bytes, replaced: saved.replaced }, 'admin: file uploaded');
      const report = reportOf(await library.reload(), saved.source);
      return reply.status(saved.replaced ? 200 : 201).send({ ...saved, bytes, report });
    },
  );
}

/** `/admin/edit`: the correction form, and saving it (form post or JSON with the front matter keys). */
function registerCorrection(admin: FastifyInstance, { library, files, csrf, knownReport }: AdminContext): void {
  admin.get<{ Querystring: { source?: string } }>('/admin/edit', async (request, reply) => {
    const report = knownReport(request.query.source);
    if (!report) return reply.status(404).send({ error: NO_SUCH_FILE });
    const csrfToken = csrfTokenForPage(request, reply, csrf);
    return html(reply, editPage({ report, target: await files.correctionTarget(report.source), csrfToken }));
  });

  admin.post('/admin/edit', async (request, reply) => {
    const report = knownReport(bodyField(request, 'source'));
    if (!report) return reply.status(404).send({ error: NO_SUCH_FILE });
    if (!report.metadata) {
      return reply.status(409).send({ error: `${report.source}: tệp chưa đọc được nên chưa sửa được thông tin` });
    }
    const submitted = (request.body ?? {}) as Record<string, unknown>;
    const correction = correctionFrom(submitted, report.metadata);
    if (correction.values === null) {
      const { problems } = correction;
      if (!wantsHtml(request)) return reply.status(400).send({ error: 'thông tin chưa hợp lệ', problems });
      const csrfToken = csrfTokenForPage(request, reply, csrf);
      const target = await files.correctionTarget(report.source);
      return html(reply.status(400), editPage({ report, target, csrfToken, submitted, problems }));
    }
    const fields = Object.keys(correction.values);
    let written: string | null = null;
    if (fields.length > 0) {
      ({ written } = await files.correct(report.source, correction.values));
      request.log.info({ source: report.source, written, fields }, 'admin: metadata corrected');
    }
    const updated = written ? reportOf(await library.reload(), report.source) : report;
    if (wantsHtml(request)) return reply.redirect('/admin?ok=saved', 303);
    return reply.send({ source: report.source, written, changed: correction.values, report: updated });
  });
}

/** `POST /admin/remove` (a document and its sidecar) and `POST /admin/reload`. */
function registerRemoveAndReload(admin: FastifyInstance, { library, files, knownReport }: AdminContext): void {
  admin.post('/admin/remove', async (request, reply) => {
    const report = knownReport(bodyField(request, 'source'));
    if (!report) return reply.status(404).send({ error: NO_SUCH_FILE });
    await files.remove(report.source);
    request.log.info({ source: report.source }, 'admin: file removed');
    await library.reload();
    if (wantsHtml(request)) return reply.redirect('/admin?ok=removed', 303);
    return reply.send({ removed: report.source });
  });

  admin.post('/admin/reload', async (request, reply) => {
    const result = await library.reload();
    if (wantsHtml(request)) return reply.redirect('/admin?ok=reloaded', 303);
    return reply.send({
      documents: result.documents,
      errors: result.reports.flatMap((report) => report.errors.map((error) => ({ source: report.source, ...error }))),
      warnings: result.reports.flatMap((report) =>
        report.warnings.map((warning) => ({ source: report.source, warning })),
      ),
    });
  });
}
