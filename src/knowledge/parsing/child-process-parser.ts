import { type ChildProcess, fork } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { KnowledgeFileError } from '../knowledge-file-error.ts';
import { overLimit } from '../limits/read-limits.ts';
import type { ContentParser, ParseOperation } from './content-parser.ts';
import type { ParseReply, ParseRequest } from './parse-messages.ts';

export interface ChildProcessParserOptions {
  /** Child processes parsing at once. */
  concurrency: number;
  /** One file may take this long; past it the child is killed and the file refused. */
  timeoutMs: number;
  /** The V8 heap of each child (`--max-old-space-size`); a file needing more kills only its child. */
  memoryMb: number;
  logger?: Logger;
}

const CHILD = new URL(`./parser-child${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
/** The last bytes of a child's stderr, kept to say in the log why it died (V8 prints its fatal error there). */
const STDERR_KEPT = 2048;

/** How a child is started: under tsx when the sources are TypeScript, as the bot itself is. */
function childArguments(memoryMb: number): string[] {
  const loader = CHILD.pathname.endsWith('.ts')
    ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href]
    : [];
  return [...loader, `--max-old-space-size=${memoryMb}`];
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} giây`;
}

interface Pending {
  request: ParseRequest;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** One child process, one file at a time. */
class ParserChild {
  private readonly process: ChildProcess;
  private pending: (Pending & { timer: NodeJS.Timeout }) | null = null;
  private stderr = '';
  exited = false;

  constructor(
    private readonly options: ChildProcessParserOptions,
    onExit: (child: ParserChild) => void,
  ) {
    this.process = fork(fileURLToPath(CHILD), [], {
      execArgv: childArguments(options.memoryMb),
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.process.stderr?.setEncoding('utf8');
    // Read while it lasts, but never a reason to keep the process alive.
    (this.process.stderr as Socket | null)?.unref();
    this.process.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_KEPT);
    });
    this.process.on('message', (reply: ParseReply) => this.settle(reply));
    this.process.on('error', (error) => options.logger?.warn({ err: error }, 'file parser process error'));
    this.process.on('exit', (code, signal) => {
      this.exited = true;
      const pending = this.pending;
      if (pending) {
        this.pending = null;
        clearTimeout(pending.timer);
        const path = String(pending.request.args[0]);
        options.logger?.warn(
          { path, code, signal, stderr: this.stderr.trim().split('\n').slice(-3).join(' | ') },
          'file parser process died while reading a file; the file is refused',
        );
        pending.reject(
          overLimit(
            path,
            `trình đọc tệp bị dừng khi đọc tệp này (hết bộ nhớ, vượt giới hạn ${options.memoryMb} MB ` +
              'KNOWLEDGE_READ_MEMORY_MB, hoặc tệp hỏng nặng): tệp bị từ chối; hãy kiểm tra hoặc lưu lại tệp',
          ),
        );
      }
      onExit(this);
    });
    this.idle();
  }

  run(pending: Pending): void {
    this.process.ref();
    this.process.channel?.ref();
    const timer = setTimeout(() => {
      const path = String(pending.request.args[0]);
      this.pending = null;
      this.options.logger?.warn({ path, ms: this.options.timeoutMs }, 'file parser timed out; killing it');
      pending.reject(
        overLimit(
          path,
          `đọc tệp quá ${duration(this.options.timeoutMs)} (giới hạn KNOWLEDGE_READ_TIMEOUT_MS): ` +
            'tệp bị từ chối; hãy tách thành các tệp nhỏ hơn',
        ),
      );
      this.process.kill('SIGKILL');
    }, this.options.timeoutMs);
    this.pending = { ...pending, timer };
    this.process.send(pending.request);
  }

  kill(): void {
    if (!this.exited) this.process.kill('SIGKILL');
  }

  private settle(reply: ParseReply): void {
    const pending = this.pending;
    if (!pending || pending.request.id !== reply.id) return;
    this.pending = null;
    clearTimeout(pending.timer);
    this.idle();
    if (reply.ok) pending.resolve(reply.value);
    else {
      const { code, file, detail, line } = reply.error;
      pending.reject(new KnowledgeFileError(code, file, detail, line === undefined ? {} : { line }));
    }
    this.onIdle?.(this);
  }

  onIdle: ((child: ParserChild) => void) | null = null;

  /** An idle child never keeps the bot (or `kb check`) from exiting. */
  private idle(): void {
    this.process.unref();
    this.process.channel?.unref();
  }
}

/**
 * Parses each file in a child process with a heap limit and a time limit, so no file can crash, freeze or
 * fill the memory of the bot: a child that dies or overruns is killed, its file refused (OVER_LIMIT, which the
 * loader remembers by content hash), and the next file gets a fresh child. Children are started on first use,
 * reused for file after file (starting one costs a few hundred milliseconds) and never keep the process alive.
 */
export class ChildProcessParser implements ContentParser {
  private readonly idleChildren: ParserChild[] = [];
  private readonly children = new Set<ParserChild>();
  private readonly waiting: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ChildProcessParserOptions) {}

  textFile(...args: Parameters<ContentParser['textFile']>) {
    return this.parse('textFile', args) as ReturnType<ContentParser['textFile']>;
  }

  pdfPages(...args: Parameters<ContentParser['pdfPages']>) {
    return this.parse('pdfPages', args) as ReturnType<ContentParser['pdfPages']>;
  }

  formattedText(...args: Parameters<ContentParser['formattedText']>) {
    return this.parse('formattedText', args) as ReturnType<ContentParser['formattedText']>;
  }

  /** Kills every child; parses asked for afterwards fail. */
  close(): void {
    this.closed = true;
    for (const child of this.children) child.kill();
    for (const pending of this.waiting.splice(0)) pending.reject(new Error('file parser closed'));
  }

  private parse(operation: ParseOperation, args: unknown[]): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('file parser closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ request: { id: this.nextId++, operation, args }, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const child = this.idleChildren.pop() ?? this.start();
      if (!child) return;
      child.run(this.waiting.shift()!);
    }
  }

  private start(): ParserChild | null {
    if (this.children.size >= this.options.concurrency) return null;
    const child = new ParserChild(this.options, (gone) => {
      this.children.delete(gone);
      const at = this.idleChildren.indexOf(gone);
      if (at >= 0) this.idleChildren.splice(at, 1);
      if (!this.closed) this.dispatch();
    });
    child.onIdle = (ready) => {
      if (ready.exited) return;
      this.idleChildren.push(ready);
      this.dispatch();
    };
    this.children.add(child);
    return child;
  }
}
