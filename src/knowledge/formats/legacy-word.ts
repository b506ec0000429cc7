import { tidyExtractedText } from '../extracted-text.ts';
import { runTool } from '../tools/run-tool.ts';

/**
 * Word-processor files that need an outside program: Word 97–2003 `.doc` (antiword) and OpenDocument `.odt`
 * (odt2txt). Both are small Debian packages that start in milliseconds; LibreOffice reads the same files
 * as faithfully but takes about a second per file and 200 MB of disk (measured; see the README).
 * Throws ToolError: MISSING when the program is not installed, FAILED when the file is not what it claims.
 */
export interface LegacyWordConverter {
  docText(path: string): Promise<string>;
  odtText(path: string): Promise<string>;
}

const CONVERT_TIMEOUT_MS = 60_000;
const MAX_TEXT_BYTES = 32 * 1024 * 1024;

export function commandLineWordConverter(): LegacyWordConverter {
  return {
    async docText(path) {
      // UTF-8 output, no line wrapping (-w 0), tables as "|cell|cell|" rows.
      const out = await runTool('antiword', ['-m', 'UTF-8.txt', '-w', '0', path], {
        timeoutMs: CONVERT_TIMEOUT_MS,
        maxOutputBytes: MAX_TEXT_BYTES,
      });
      return tidyAntiwordText(out.toString('utf8'));
    },
    async odtText(path) {
      const out = await runTool('odt2txt', ['--encoding=UTF-8', '--width=-1', path], {
        timeoutMs: CONVERT_TIMEOUT_MS,
        maxOutputBytes: MAX_TEXT_BYTES,
      });
      return tidyExtractedText(out.toString('utf8').normalize('NFC'));
    },
  };
}

/**
 * antiword draws a table row as "|ỦY BAN NHÂN DÂN      |CỘNG HÒA XÃ HỘI…   |": the cells are kept, separated by
 * " | " as a Markdown table row is, which the metadata extraction reads as cells of the official header.
 */
export function tidyAntiwordText(raw: string): string {
  const lines = raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((line) => line.trim() !== '[pic]')
    .map((line) => {
      const row = /^\s*\|(.*)\|\s*$/.exec(line);
      if (!row) return line;
      return row[1]!
        .split('|')
        .map((cell) => cell.trim())
        .filter((cell) => cell !== '')
        .join(' | ');
    });
  return tidyExtractedText(lines.join('\n'));
}
