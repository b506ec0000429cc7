import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUNDLED_KNOWLEDGE_DIR } from '../../src/config.ts';
import { PROVINCE_NAMES } from '../../src/text/provinces.ts';

/**
 * Knowledge bases of any size shaped like the seeds: each synthetic document is a seed with another
 * province, number, date and figures, so the index sees realistic Vietnamese text and term statistics.
 */

interface Template {
  name: string;
  text: string;
  province: string;
}

function loadTemplates(): Template[] {
  return readdirSync(BUNDLED_KNOWLEDGE_DIR)
    .filter((name) => name.endsWith('.md'))
    .map((name) => {
      const text = readFileSync(join(BUNDLED_KNOWLEDGE_DIR, name), 'utf8');
      const province = /^tinh: "?([^"\n]+)"?/m.exec(text)![1]!;
      return { name, text, province };
    });
}

/** A small deterministic generator, so every run builds the same corpus. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function syntheticDocument(templates: Template[], i: number): { name: string; text: string } {
  const next = random(i + 1);
  const template = templates[i % templates.length]!;
  const province = PROVINCE_NAMES[Math.floor(next() * PROVINCE_NAMES.length)]!;
  const number = `${1000 + i}/QĐ-UBND`;
  const year = 2008 + Math.floor(next() * 15);
  const month = 1 + Math.floor(next() * 12);
  const day = 1 + Math.floor(next() * 28);
  const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  let text = template.text
    .replaceAll(template.province, province)
    .replace(/^so_hieu: .*$/m, `so_hieu: "${number}"`)
    .replace(/^ngay_ban_hanh: .*$/m, `ngay_ban_hanh: "${iso}"`)
    .replace(/(\d+)(\s?%)/g, (_, figure: string, percent: string) => `${(Number(figure) + i) % 101}${percent}`);
  text = text.replace(/\b(\d{3,4})\/QĐ-UBND/g, number);
  return { name: `synthetic-${String(i).padStart(6, '0')}-${template.name}`, text };
}

/** Writes `count` synthetic documents into `dir` (created if needed). */
export async function writeSyntheticKnowledge(dir: string, count: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  const templates = loadTemplates();
  for (let i = 0; i < count; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, count - i) }, (_, j) => {
        const { name, text } = syntheticDocument(templates, i + j);
        return writeFile(join(dir, name), text);
      }),
    );
  }
}
