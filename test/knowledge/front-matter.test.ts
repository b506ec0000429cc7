import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  MetadataYamlError,
  metadataFromFrontMatter,
  parseMetadataYaml,
  setMetadataYaml,
  withFrontMatter,
} from '../../src/knowledge/front-matter.ts';

/** Front matter as the reader gives it: YAML parsed with the core schema. */
function fromYaml(source: string): ReturnType<typeof metadataFromFrontMatter> {
  return metadataFromFrontMatter(parse(source, { schema: 'core' }) as Record<string, unknown>);
}

describe('metadataFromFrontMatter', () => {
  it('maps every Vietnamese key of the knowledge folder', () => {
    const { metadata, warnings } = fromYaml(
      [
        'so_hieu: 4086/QĐ-UBND',
        'ngay_ban_hanh: 2012-12-28',
        'co_quan_ban_hanh: UBND tỉnh Hà Tĩnh',
        'tinh: Hà Tĩnh',
        'loai: Quyết định',
        'trich_yeu: Phê duyệt Quy hoạch phát triển công nghệ thông tin tỉnh Hà Tĩnh đến năm 2020',
        'thay_the: Quyết định số 590/QĐ-UBND ngày 01/3/2007 của UBND tỉnh Hà Tĩnh',
        'thuc_hien: Nghị quyết số 36-NQ/TW ngày 01/7/2014 của Bộ Chính trị',
        'nguon: https://hatinh.gov.vn',
        'ngay_dang: 07/01/2013',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(metadata).toEqual({
      number: '4086/QĐ-UBND',
      date: '2012-12-28',
      issuer: 'UBND tỉnh Hà Tĩnh',
      province: 'Hà Tĩnh',
      type: 'Quyết định',
      title: 'Phê duyệt Quy hoạch phát triển công nghệ thông tin tỉnh Hà Tĩnh đến năm 2020',
      replaces: 'Quyết định số 590/QĐ-UBND ngày 01/3/2007 của UBND tỉnh Hà Tĩnh',
      implements: 'Nghị quyết số 36-NQ/TW ngày 01/7/2014 của Bộ Chính trị',
      origin: 'https://hatinh.gov.vn',
      publishedDate: '2013-01-07',
    });
  });

  it('sets only the fields that are present', () => {
    expect(fromYaml('so_hieu: 14/2011/QĐ-UBND')).toEqual({ metadata: { number: '14/2011/QĐ-UBND' }, warnings: [] });
  });

  it('keeps an explicit null (and an empty value) as null so that front matter wins over extraction', () => {
    const { metadata, warnings } = fromYaml('so_hieu: null\nngay_ban_hanh: ~\nthay_the:\ntrich_yeu: ""');
    expect(warnings).toEqual([]);
    expect(metadata).toEqual({ number: null, date: null, replaces: null, title: null });
    expect(Object.hasOwn(metadata, 'number')).toBe(true);
  });

  it('turns a document number written as a YAML number into text', () => {
    expect(fromYaml('so_hieu: 16').metadata.number).toBe('16');
  });

  it.each([
    ['2012-12-28', '2012-12-28'],
    ['2011-1-30', '2011-01-30'],
    ['30/01/2011', '2011-01-30'],
    ['1/3/2007', '2007-03-01'],
    ['01.07.2014', '2014-07-01'],
    ['ngày 30 tháng 01 năm 2011', '2011-01-30'],
    ['29/02/2012', '2012-02-29'],
  ])('reads the date %s as %s', (written, expected) => {
    const { metadata, warnings } = metadataFromFrontMatter({ ngay_ban_hanh: written });
    expect(warnings).toEqual([]);
    expect(metadata.date).toBe(expected);
  });

  it('accepts Date objects from a YAML 1.1 timestamp schema', () => {
    const data = parse('ngay_ban_hanh: 2012-12-28\nngay_dang: 2013-01-07', { version: '1.1' }) as Record<
      string,
      unknown
    >;
    expect(data.ngay_ban_hanh).toBeInstanceOf(Date);
    expect(metadataFromFrontMatter(data)).toEqual({
      metadata: { date: '2012-12-28', publishedDate: '2013-01-07' },
      warnings: [],
    });
  });

  it.each([['31/02/2012'], ['2011-13-01'], ['29/02/2013'], ['tháng 12/2012'], ['30-01-11']])(
    'warns about the invalid date %s and leaves the field out',
    (written) => {
      const { metadata, warnings } = metadataFromFrontMatter({ ngay_ban_hanh: written });
      expect(metadata).toEqual({});
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('ngay_ban_hanh');
      expect(warnings[0]).toContain(written);
    },
  );

  it('warns about a date given as a number', () => {
    const { metadata, warnings } = fromYaml('ngay_dang: 2012');
    expect(metadata).toEqual({});
    expect(warnings[0]).toMatch(/^ngay_dang: cần ghi ngày theo dạng YYYY-MM-DD hoặc dd\/mm\/yyyy/);
  });

  it('canonicalises the province however it is written', () => {
    expect(fromYaml('tinh: tỉnh Thừa Thiên - Huế').metadata.province).toBe('Thừa Thiên Huế');
    expect(fromYaml('tinh: TP.HCM').metadata.province).toBe('Hồ Chí Minh');
    expect(fromYaml('tinh: bac ninh').metadata.province).toBe('Bắc Ninh');
  });

  it('warns about an unknown province and leaves it out', () => {
    const { metadata, warnings } = fromYaml('tinh: Hà Tây Mới');
    expect(metadata).toEqual({});
    expect(warnings).toEqual(['tinh: không nhận ra tên tỉnh "Hà Tây Mới"']);
  });

  it('warns about unknown keys, suggesting the key a typo meant', () => {
    const { metadata, warnings } = fromYaml('so_hieuu: 4086/QĐ-UBND\ntac_gia: Sở Thông tin và Truyền thông');
    expect(metadata).toEqual({});
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('không nhận ra trường "so_hieuu" (có phải là "so_hieu" không?)');
    expect(warnings[1]).toContain('không nhận ra trường "tac_gia"');
    expect(warnings[1]).not.toContain('có phải là');
  });

  it('normalises values to NFC and trims them', () => {
    const { metadata } = metadataFromFrontMatter({
      co_quan_ban_hanh: '  UBND tỉnh Quảng Bình\n'.normalize('NFD'),
      trich_yeu: 'Kế hoạch ứng dụng\n  công nghệ thông tin'.normalize('NFD'),
      tinh: 'Quảng Bình'.normalize('NFD'),
    });
    expect(metadata.issuer).toBe('UBND tỉnh Quảng Bình');
    expect(metadata.issuer).toBe(metadata.issuer!.normalize('NFC'));
    expect(metadata.title).toBe('Kế hoạch ứng dụng công nghệ thông tin');
    expect(metadata.province).toBe('Quảng Bình');
  });

  it('warns about lists, mappings and booleans where text is expected', () => {
    const { metadata, warnings } = fromYaml(
      'thay_the:\n  - Quyết định số 590/QĐ-UBND\nnguon:\n  ten: Cổng TTĐT\nloai: true',
    );
    expect(metadata).toEqual({});
    expect(warnings).toEqual([
      'thay_the: cần ghi dạng chữ, nhưng ở đây là một danh sách',
      'nguon: cần ghi dạng chữ, nhưng ở đây là một nhóm "tên_trường: giá trị"',
      'loai: cần ghi dạng chữ, nhưng ở đây là giá trị đúng/sai (true)',
    ]);
  });
});

describe('writing corrections', () => {
  it('adds a front matter block to a text file that has none, keeping the body as it was', () => {
    const updated = withFrontMatter('ỦY BAN NHÂN DÂN\nSố: 14/2011/QĐ-UBND\n', {
      number: '14/2011/QĐ-UBND',
      province: 'Bắc Ninh',
      replaces: null,
    });
    expect(updated).toBe(
      '---\nso_hieu: 14/2011/QĐ-UBND\ntinh: Bắc Ninh\nthay_the: null\n---\n\nỦY BAN NHÂN DÂN\nSố: 14/2011/QĐ-UBND\n',
    );
  });

  it('changes only the keys given, keeping the others, their order, quoting and comments', () => {
    const file = [
      '---',
      'so_hieu: "4086/QĐ-UBND"',
      'ngay_dang: "2013-09-06" # trang ghi "9/6/2013"',
      'tinh: Hà Tĩnh',
      '---',
      '',
      '# Tiêu đề',
    ].join('\r\n');
    const updated = withFrontMatter(`\uFEFF${file}`, { number: '16', date: '2012-12-28', title: 'Về việc: phê duyệt' });
    expect(updated).toBe(
      [
        '---',
        'so_hieu: "16"',
        'ngay_dang: "2013-09-06" # trang ghi "9/6/2013"',
        'tinh: Hà Tĩnh',
        'ngay_ban_hanh: 2012-12-28',
        'trich_yeu: "Về việc: phê duyệt"',
        '---',
        '',
        '# Tiêu đề',
      ].join('\r\n'),
    );
    // What was written reads back as the values given (dates stay text under the core schema).
    expect(metadataFromFrontMatter(parseMetadataYaml(updated.split('\r\n').slice(1, 6).join('\n'))).metadata).toEqual({
      number: '16',
      publishedDate: '2013-09-06',
      province: 'Hà Tĩnh',
      date: '2012-12-28',
      title: 'Về việc: phê duyệt',
    });
  });

  it('writes a sidecar from nothing and updates one in place', () => {
    const fresh = setMetadataYaml('', { number: '14/2011/QĐ-UBND', type: 'Quyết định' });
    expect(fresh).toBe('so_hieu: 14/2011/QĐ-UBND\nloai: Quyết định\n');
    expect(setMetadataYaml(fresh, { type: null })).toBe('so_hieu: 14/2011/QĐ-UBND\nloai: null\n');
  });

  it.each([
    ['broken YAML', 'so_hieu: [1, 2\n', 1],
    ['a list instead of keys', '- so_hieu\n', 1],
  ])('refuses to rewrite %s', (_, yaml, line) => {
    expect(() => setMetadataYaml(yaml, { number: '1' })).toThrow(MetadataYamlError);
    try {
      setMetadataYaml(yaml, { number: '1' });
    } catch (error) {
      expect((error as MetadataYamlError).line).toBeGreaterThanOrEqual(line);
    }
  });

  it('refuses a front matter block that is never closed rather than adding a second one', () => {
    expect(() => withFrontMatter('---\nso_hieu: 1\nnội dung', { number: '2' })).toThrow(/thiếu dòng ---/);
  });
});
