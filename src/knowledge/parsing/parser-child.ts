/**
 * The child process of ChildProcessParser: parses one file at a time with the in-process parser. Whatever a
 * file does here (a stream that inflates past the heap, a fatal V8 error, an endless loop) ends this process,
 * not the bot; the parent reports the file and starts another child.
 */
import { KnowledgeFileError } from '../knowledge-file-error.ts';
import { type ContentParser, inProcessParser } from './content-parser.ts';
import type { ParseReply, ParseRequest } from './parse-messages.ts';

async function answer(request: ParseRequest): Promise<ParseReply> {
  try {
    const run = inProcessParser[request.operation] as (...args: unknown[]) => ReturnType<ContentParser['textFile']>;
    return { id: request.id, ok: true, value: await run(...request.args) };
  } catch (error) {
    if (error instanceof KnowledgeFileError) {
      const failure = { code: error.code, file: error.file, detail: error.detail };
      return {
        id: request.id,
        ok: false,
        error: error.line === undefined ? failure : { ...failure, line: error.line },
      };
    }
    const detail = `không đọc được tệp (${error instanceof Error ? error.message : String(error)})`;
    return { id: request.id, ok: false, error: { code: 'UNREADABLE', file: String(request.args[0]), detail } };
  }
}

process.on('message', (request: ParseRequest) => {
  void answer(request).then((reply) => process.send?.(reply));
});
// The parent went away: nothing is left to answer.
process.on('disconnect', () => process.exit(0));
