import type { KnowledgeFileErrorCode } from '../knowledge-file-error.ts';
import type { ParseOperation } from './content-parser.ts';

/** One parse asked of a child process: the operation of ContentParser and its arguments. */
export interface ParseRequest {
  id: number;
  operation: ParseOperation;
  args: unknown[];
}

/** A KnowledgeFileError as it crosses the process boundary. */
export interface ParseFailure {
  code: KnowledgeFileErrorCode;
  file: string;
  detail: string;
  line?: number;
}

export type ParseReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ParseFailure };
