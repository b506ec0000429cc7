import { createInterface } from 'node:readline';
import type { Logger } from 'pino';
import type { Answer } from './answer/answer.ts';
import { createApp } from './app.ts';
import { type Config, loadConfig } from './config.ts';
import { createKnowledgeReaders } from './knowledge/knowledge-readers.ts';
import type { FileReport } from './knowledge/load-knowledge-folder.ts';
import { createIsolatedReading } from './knowledge/parsing/isolated-reading.ts';
import { splitPassages } from './knowledge/split-passages.ts';
import { KnowledgeLibrary } from './library/knowledge-library.ts';
import { createLogger } from './logger.ts';

/**
 * Command line: `chat` (interactive, or `--jsonl` for programs), `ask "câu hỏi"`, `kb list|check`.
 * Answers go to standard output, logs to standard error.
 */

const CLI_CHANNEL = 'cli';
const USAGE = `Cách dùng:
  npm run chat                          trò chuyện trong terminal
  npm run --silent chat -- --jsonl      đọc {"user","text"} từng dòng, trả về một dòng JSON mỗi câu
  npm run --silent ask -- "câu hỏi"     hỏi một câu (--json để lấy JSON)
  npm run kb -- check                   kiểm tra thư mục knowledge/
  npm run --silent kb -- list --json    danh sách văn bản dạng JSON`;

function jsonAnswer(user: string, answer: Answer): string {
  return JSON.stringify({ user, answer: answer.answer, grounded: answer.grounded, citations: answer.citations });
}

/** Parses one JSONL input line, or says in Vietnamese-free, program-friendly English what is wrong with it. */
function parseLine(line: string): { user: string; text: string } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'invalid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'expected a JSON object' };
  const { user, text } = value as Record<string, unknown>;
  if (typeof user !== 'string' || user.length === 0) return { error: 'field "user" must be a non-empty string' };
  if (typeof text !== 'string') return { error: 'field "text" must be a string' };
  return { user, text };
}

async function chatJsonl(config: Readonly<Config>, logger: Logger): Promise<void> {
  const app = await createApp({ config, logger });
  const { assistant } = app;
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const input = parseLine(line);
    if ('error' in input) {
      process.stdout.write(`${JSON.stringify(input)}\n`);
      continue;
    }
    try {
      const answer = await assistant.ask({ channel: CLI_CHANNEL, user: input.user, text: input.text });
      process.stdout.write(`${jsonAnswer(input.user, answer)}\n`);
    } catch (error) {
      logger.error({ err: error }, 'failed to answer a JSONL line');
      process.stdout.write(`${JSON.stringify({ error: 'internal error while answering' })}\n`);
    }
  }
  await app.close();
}

async function chatInteractive(config: Readonly<Config>, logger: Logger): Promise<void> {
  const app = await createApp({ config, logger });
  const { assistant } = app;
  const user = 'terminal';
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  process.stdout.write('Hỏi đáp quy hoạch CNTT — gõ câu hỏi, “xoá lịch sử” để bắt đầu lại, Ctrl+D để thoát.\n');
  rl.setPrompt('\nBạn: ');
  rl.prompt();
  for await (const line of rl) {
    if (line.trim()) {
      const answer = await assistant.ask({ channel: CLI_CHANNEL, user, text: line });
      process.stdout.write(`\n${answer.answer}\n`);
    }
    rl.prompt();
  }
  await app.close();
}

async function ask(config: Readonly<Config>, logger: Logger, args: string[]): Promise<void> {
  const json = args.includes('--json');
  const text = args.filter((arg) => arg !== '--json').join(' ');
  if (!text.trim()) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const app = await createApp({ config, logger });
  const answer = await app.assistant.ask({ channel: CLI_CHANNEL, user: 'ask', text });
  process.stdout.write(json ? `${jsonAnswer('ask', answer)}\n` : `${answer.answer}\n`);
  await app.close();
}

function describeReport(report: FileReport): string {
  const pending = report.reading?.state === 'pending';
  const lines = [`${report.documentId ? '✓' : pending ? '…' : '✗'} ${report.source}`];
  // Typed text needs no word; a pending or failed reading is already said by its warning or error.
  const reading = report.reading;
  if (reading && reading.method !== 'text' && reading.state === 'done') lines.push(`    đọc: ${reading.summary}`);
  const m = report.metadata;
  if (m) {
    lines.push(
      `    số hiệu: ${m.number ?? '—'} | ngày: ${m.date ?? '—'} | tỉnh: ${m.province ?? '—'} | loại: ${m.type ?? '—'}`,
      `    cơ quan: ${m.issuer ?? '—'}`,
      `    trích yếu: ${m.title ?? '—'}`,
    );
  }
  for (const warning of report.warnings) lines.push(`    cảnh báo: ${warning}`);
  for (const error of report.errors) lines.push(`    LỖI: ${error.message}`);
  return lines.join('\n');
}

async function kb(config: Readonly<Config>, logger: Logger, args: string[]): Promise<void> {
  const [command] = args;
  const readers = createKnowledgeReaders({ ocr: config.ocr, logger });
  // The same child processes and caps as the bot: a file that would crash it is refused here too.
  const reading = createIsolatedReading(config.knowledgeReading, logger);
  const library = new KnowledgeLibrary({
    dir: config.knowledgeDir,
    maxFileBytes: config.knowledgeMaxFileBytes,
    logger,
    readers,
    reading,
  });
  await library.reload();
  // A check shows what the scans say, so it waits for their OCR (once: later runs find it in the cache).
  const pending = library.reports().filter((report) => report.reading?.state === 'pending').length;
  if (pending > 0) {
    process.stderr.write(`Đang nhận dạng chữ (OCR) ${pending} tệp scan, lần sau sẽ dùng kết quả đã lưu…\n`);
    await readers.scans.idle();
    await library.reload();
  }
  const reports = library.reports();
  const documents = library.current().documents;
  if (command === 'list') {
    const rows = documents.map((document) => ({
      source: document.source,
      number: document.metadata.number,
      date: document.metadata.date,
      issuer: document.metadata.issuer,
      province: document.metadata.province,
      type: document.metadata.type,
      title: document.metadata.title,
      passages: splitPassages(document.text).length,
    }));
    if (args.includes('--json')) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    } else {
      for (const row of rows) {
        process.stdout.write(
          `${row.source}\n    ${row.number ?? '(không số)'} | ${row.date ?? '—'} | ${row.province ?? '—'} | ${row.passages} đoạn\n`,
        );
      }
    }
    return;
  }
  if (command === 'check') {
    for (const report of reports) process.stdout.write(`${describeReport(report)}\n`);
    const errors = reports.reduce((sum, report) => sum + report.errors.length, 0);
    const warnings = reports.reduce((sum, report) => sum + report.warnings.length, 0);
    process.stdout.write(
      `\n${documents.length} văn bản đã nạp, ${reports.length - documents.length} tệp bị bỏ qua, ${warnings} cảnh báo, ${errors} lỗi.\n`,
    );
    if (errors > 0) process.exitCode = 1;
    return;
  }
  process.stderr.write(`${USAGE}\n`);
  process.exitCode = 2;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  // The CLI's own output is the answer: keep routine logs out of a person's terminal unless asked for.
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  const logger = createLogger(config.logLevel);
  switch (command) {
    case 'chat':
      return args.includes('--jsonl') ? chatJsonl(config, logger) : chatInteractive(config, logger);
    case 'ask':
      return ask(config, logger, args);
    case 'kb':
      return kb(config, logger, args);
    default:
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
