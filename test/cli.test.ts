import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The CLI exactly as outside checks run it: `npm run --silent …`, JSON on stdout, logs on stderr. */

const root = new URL('..', import.meta.url).pathname;

function npm(args: string[], input?: string, env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ stdout: string; stderr: string; code: number }>((resolve) => {
    const child = execFile(
      'npm',
      ['run', '--silent', ...args],
      { cwd: root, env: { ...process.env, ...env } },
      (error, stdout, stderr) =>
        resolve({ stdout, stderr, code: error ? Number((error as NodeJS.ErrnoException).code ?? 1) : 0 }),
    );
    child.stdin?.end(input ?? '');
  });
}

describe('npm run --silent chat -- --jsonl', () => {
  it('writes one JSON line per input line, in order, with follow-ups resolved and bad lines reported', async () => {
    const input = [
      JSON.stringify({ user: 'an', text: 'Hà Tĩnh đặt mục tiêu bao nhiêu % dịch vụ công mức độ 4?' }),
      'this is not json',
      JSON.stringify({ user: 'an', text: 'Còn Quảng Bình thì sao?' }),
      JSON.stringify({ text: 'thiếu user' }),
      JSON.stringify({ user: 'binh', text: 'Thời tiết hôm nay thế nào?' }),
    ].join('\n');
    const { stdout, code } = await npm(['chat', '--', '--jsonl'], `${input}\n`);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ user: 'an', grounded: true });
    expect(lines[0].answer).toContain('15%');
    expect(lines[0].citations[0]).toEqual({
      number: '4086/QĐ-UBND',
      date: '2012-12-28',
      issuer: 'UBND tỉnh Hà Tĩnh',
      province: 'Hà Tĩnh',
      title: 'Về việc phê duyệt điều chỉnh Quy hoạch phát triển CNTT đến năm 2020',
      source: 'ha-tinh-4086-qd-ubnd-2012.md',
    });
    expect(Object.keys(lines[0])).toEqual(['user', 'answer', 'grounded', 'citations']);
    expect(lines[1]).toEqual({ error: 'invalid JSON' });
    expect(lines[2].citations[0].number).toBe('2972/QĐ-UBND');
    expect(lines[2].answer).toContain('50%');
    expect(lines[3].error).toContain('user');
    expect(lines[4]).toMatchObject({ user: 'binh', grounded: false, citations: [] });
  });
});

describe('npm run --silent ask', () => {
  it('prints one answer', async () => {
    const { stdout } = await npm(['ask', '--', 'Quyết định 2972 ban hành ngày nào?']);
    expect(stdout).toContain('24/8/2017');
  });
});

describe('npm run kb', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'hoidap-kb-'));
    await writeFile(
      join(folder, 'bac-ninh.txt'),
      [
        'ỦY BAN NHÂN DÂN TỈNH BẮC NINH',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Số: 14/2011/QĐ-UBND',
        'Bắc Ninh, ngày 30 tháng 01 năm 2011',
        '',
        'QUYẾT ĐỊNH',
        'Về việc phê duyệt Quy hoạch phát triển công nghệ thông tin tỉnh Bắc Ninh đến năm 2015',
        '',
        'Căn cứ Quyết định số 1605/QĐ-TTg ngày 27/8/2010 của Thủ tướng Chính phủ;',
        '',
        'Điều 1. Mục tiêu: 100% cơ quan nhà nước có mạng LAN; 65% dịch vụ công trực tuyến đạt mức độ 3.',
      ].join('\n'),
    );
    await writeFile(join(folder, 'hong.md'), '---\nso_hieu: [chưa đóng\n---\nNội dung');
    await writeFile(join(folder, 'rong.md'), '');
  });

  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('lists documents as JSON with the metadata read from an official header', async () => {
    const { stdout, code } = await npm(['kb', '--', 'list', '--json'], '', { KNOWLEDGE_DIR: folder });
    expect(code).toBe(0);
    const list = JSON.parse(stdout);
    expect(list).toEqual([
      expect.objectContaining({
        source: 'bac-ninh.txt',
        number: '14/2011/QĐ-UBND',
        date: '2011-01-30',
        province: 'Bắc Ninh',
        type: 'Quyết định',
        issuer: 'UBND tỉnh Bắc Ninh',
      }),
    ]);
    expect(list[0].passages).toBeGreaterThan(0);
  });

  it('checks the folder: reports the broken and the empty file, exits non-zero on errors', async () => {
    const { stdout, code } = await npm(['kb', '--', 'check'], '', { KNOWLEDGE_DIR: folder });
    expect(code).toBe(1);
    expect(stdout).toContain('hong.md');
    expect(stdout).toMatch(/hong\.md:\d+/);
    expect(stdout).toContain('rong.md');
    expect(stdout).toContain('14/2011/QĐ-UBND');
  });

  it('passes on the bundled folder', async () => {
    const { code, stdout } = await npm(['kb', '--', 'check']);
    expect(code).toBe(0);
    expect(stdout).toContain('5 văn bản');
  });

  it('answers from a decision pasted as plain text', async () => {
    const { stdout } = await npm(
      ['ask', '--', '--json', 'Bắc Ninh đặt mục tiêu bao nhiêu % dịch vụ công trực tuyến mức độ 3?'],
      '',
      {
        KNOWLEDGE_DIR: folder,
      },
    );
    const answer = JSON.parse(stdout);
    expect(answer.answer).toContain('65%');
    expect(answer.answer).toContain('Quyết định số 14/2011/QĐ-UBND ngày 30/1/2011 của UBND tỉnh Bắc Ninh');
  });
});
