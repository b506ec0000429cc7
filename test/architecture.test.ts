import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The one direction of imports in src/ (docs/ARCHITECTURE.md): a folder may import its own files and the
 * folders of lower layers, never a folder of its own layer or above. Top-level files are named by file.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['util', 'config.ts', 'logger.ts', 'observability'],
  ['text'],
  ['knowledge'],
  ['search'],
  ['library', 'understanding'],
  ['answer'],
  ['ports'],
  ['state'],
  ['pipeline'],
  ['channels', 'server'],
  ['app.ts'],
  ['main.ts', 'cli.ts'],
];

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [path.relative(SRC, full)] : [];
  });
}

/** src-relative file → src-relative files it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(path.join(SRC, file), 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((match) =>
      path.normalize(path.join(path.dirname(file), match[1] ?? match[2] ?? '')),
    );
    graph.set(file, targets);
  }
  return graph;
}

function room(file: string): string {
  return file.split(path.sep)[0] ?? file;
}

function layerOf(file: string): number {
  const index = LAYERS.findIndex((layer) => layer.includes(room(file)));
  if (index < 0) throw new Error(`${file} is in no layer: add its folder to LAYERS and docs/ARCHITECTURE.md`);
  return index;
}

/** Every cycle's files, found by depth-first search (Tarjan's strongly connected components). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('source layout', () => {
  const graph = importGraph();

  it('has no import cycle between files', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('imports only downwards: text → knowledge → search → understanding → answer → ports → state → pipeline → channels/server → app', () => {
    const against: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) {
        if (room(target) === room(file)) continue;
        if (layerOf(target) >= layerOf(file)) against.push(`${file} → ${target}`);
      }
    }
    expect(against).toEqual([]);
  });

  it('places every file in a layer', () => {
    for (const file of graph.keys()) expect(() => layerOf(file)).not.toThrow();
  });
});
