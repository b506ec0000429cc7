/** What the bench's worker processes share: reporting JSON lines and reading their arguments. */

export type Size = number | 'seeds';

/** One report line on stdout; run-bench.ts reads them. */
export function emit(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

export function option(args: readonly string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? Number(args[at + 1]) : fallback;
}

export function parseSize(text: string | undefined): Size {
  if (text === 'seeds') return 'seeds';
  const size = Number(text);
  if (!Number.isInteger(size) || size < 5) throw new Error(`bad size ${text}: seeds or a number of documents`);
  return size;
}

/** Runs a worker's main function and exits with its outcome, the error on stderr. */
export function runWorker(main: (args: readonly string[]) => Promise<void>): void {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
