import { spawn } from 'node:child_process';
import { ToolError } from './tool-error.ts';

export interface RunToolOptions {
  /** The program is killed (SIGKILL) past this. */
  timeoutMs: number;
  /** Standard output past this kills the program. Default 64 MiB. */
  maxOutputBytes?: number;
  /** Added to the environment the program inherits. */
  env?: Record<string, string>;
}

const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
/** Enough of standard error to say why a program failed, never a whole dump. */
const STDERR_KEPT_CHARS = 2000;

/**
 * Runs a program as a child process and collects its standard output. The event loop is never blocked: the
 * program runs beside it, and a deadline and an output cap keep a bad input from costing more than that.
 */
export function runTool(command: string, args: readonly string[], options: RunToolOptions): Promise<Buffer> {
  const maxOutput = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: options.env ? { ...process.env, ...options.env } : process.env,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let failure: ToolError | null = null;
    const stop = (error: ToolError) => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () => stop(new ToolError('TIMEOUT', command, `${command} ran past ${options.timeoutMs} ms and was stopped`)),
      options.timeoutMs,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxOutput)
        stop(new ToolError('TOO_MUCH_OUTPUT', command, `${command} wrote more than ${maxOutput} bytes`));
      else chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_KEPT_CHARS)
        stderr += chunk.toString('utf8').slice(0, STDERR_KEPT_CHARS - stderr.length);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const missing = error.code === 'ENOENT';
      reject(
        new ToolError(
          missing ? 'MISSING' : 'FAILED',
          command,
          missing ? `${command} is not installed` : error.message,
          {
            cause: error,
          },
        ),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      if (code === 0) return resolve(Buffer.concat(chunks));
      const reason = stderr.trim().split('\n').slice(-3).join(' ').trim();
      reject(
        new ToolError(
          'FAILED',
          command,
          `${command} exited with ${signal ?? `code ${code}`}${reason ? `: ${reason}` : ''}`,
          {
            stderr,
          },
        ),
      );
    });
  });
}

/** True when the program runs at all (`--version` or the like exits 0). */
export async function toolRuns(command: string, args: readonly string[]): Promise<boolean> {
  try {
    await runTool(command, args, { timeoutMs: 10_000, maxOutputBytes: 1024 * 1024 });
    return true;
  } catch {
    return false;
  }
}
