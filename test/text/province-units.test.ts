import { describe, expect, it } from 'vitest';
import {
  currentLabelSentence,
  currentUnitOf,
  formerUnitsOf,
  PROVINCE_UNITS,
  parseProvinceUnits,
} from '../../src/text/province-units.ts';
import data from '../../src/text/province-units-2025.json' with { type: 'json' };
import { ProvinceUnitsError } from '../../src/text/province-units-error.ts';
import { PROVINCE_NAMES } from '../../src/text/provinces.ts';

const NQ_202 = 'Nghị quyết số 202/2025/QH15';
const NQ_175 = 'Nghị quyết số 175/2024/QH15';

describe('the 2025 reorganisation data', () => {
  it('has 34 units: 28 tỉnh and 6 thành phố', () => {
    expect(PROVINCE_UNITS).toHaveLength(34);
    expect(PROVINCE_UNITS.filter((unit) => unit.kind === 'tỉnh')).toHaveLength(28);
    expect(PROVINCE_UNITS.filter((unit) => unit.kind === 'thành phố').map((unit) => unit.name)).toEqual([
      'Hà Nội',
      'Huế',
      'Hải Phòng',
      'Đà Nẵng',
      'Hồ Chí Minh',
      'Cần Thơ',
    ]);
  });

  it('leaves 11 units as they were and forms 23 by merging', () => {
    const unchanged = PROVINCE_UNITS.filter((unit) => unit.formerUnits.length === 1).map((unit) => unit.name);
    expect(unchanged.sort()).toEqual(
      [
        'Hà Nội',
        'Huế',
        'Lai Châu',
        'Điện Biên',
        'Sơn La',
        'Lạng Sơn',
        'Quảng Ninh',
        'Thanh Hóa',
        'Nghệ An',
        'Hà Tĩnh',
        'Cao Bằng',
      ].sort(),
    );
  });

  it('names each of the 63 former provinces exactly once', () => {
    const formers = PROVINCE_UNITS.flatMap((unit) => unit.formerUnits);
    expect(formers).toHaveLength(63);
    expect([...formers].sort()).toEqual([...PROVINCE_NAMES].sort());
  });

  it.each(PROVINCE_NAMES.map((name) => [name]))('%s is among the former units of its current unit', (name) => {
    const unit = currentUnitOf(name);
    const namesake = PROVINCE_UNITS.find((candidate) => candidate.name === unit.name)!.formerUnits[0]!;
    expect(formerUnitsOf(namesake)).toContain(name);
    expect(unit.merged).toBe(formerUnitsOf(namesake).length > 1);
  });
});

describe('parseProvinceUnits', () => {
  type Data = typeof data;
  const edited = (edit: (copy: Data) => void): Data => {
    const copy = structuredClone(data);
    edit(copy);
    return copy;
  };
  const problemsOf = (raw: unknown): readonly string[] => {
    try {
      parseProvinceUnits(raw);
    } catch (error) {
      expect(error).toBeInstanceOf(ProvinceUnitsError);
      return (error as ProvinceUnitsError).problems;
    }
    throw new Error('expected the data to be rejected');
  };
  const unit = (copy: Data, name: string): Data['units'][number] => copy.units.find((u) => u.name === name)!;

  it('accepts the data file', () => {
    expect(parseProvinceUnits(data)).toHaveLength(34);
  });

  it.each([
    [
      'a former province left out',
      edited((copy) => {
        unit(copy, 'Cà Mau').formerUnits = ['Cà Mau'];
      }),
      'former provinces in no unit: Bạc Liêu',
    ],
    [
      'a former province in two units',
      edited((copy) => {
        unit(copy, 'Cà Mau').formerUnits.push('Kiên Giang');
      }),
      '"Kiên Giang" is a former unit of both',
    ],
    [
      'a name that is not one of the 63',
      edited((copy) => {
        unit(copy, 'Hà Nội').formerUnits.push('Hà Tây');
      }),
      '"Hà Tây" is not one of the former provinces',
    ],
    [
      'a basis that is not declared',
      edited((copy) => {
        unit(copy, 'Hà Tĩnh').basis = 'Nghị quyết số 1/2025/QH15';
      }),
      'Hà Tĩnh: basis "Nghị quyết số 1/2025/QH15" is not one of the declared bases',
    ],
    [
      'a date other than the day the basis took effect',
      edited((copy) => {
        unit(copy, 'Huế').since = '2025-07-01';
      }),
      `Huế: since "2025-07-01" is not the date ${NQ_175} took effect`,
    ],
    [
      'a unit whose first former unit is not its namesake',
      edited((copy) => {
        unit(copy, 'Cà Mau').formerUnits.reverse();
      }),
      'Cà Mau: its first former unit is "Bạc Liêu"',
    ],
    [
      'an unknown kind',
      edited((copy) => {
        unit(copy, 'Huế').kind = 'thị xã';
      }),
      'a unit needs a kind',
    ],
  ])('rejects %s', (_what, raw, problem) => {
    expect(problemsOf(raw).join('\n')).toContain(problem);
  });

  it('reports every problem at once, in a message that names the file', () => {
    const raw = edited((copy) => {
      unit(copy, 'Cà Mau').formerUnits = ['Cà Mau'];
      unit(copy, 'Lâm Đồng').formerUnits = ['Lâm Đồng', 'Bình Thuận'];
    });
    expect(() => parseProvinceUnits(raw)).toThrow(/^province-units-2025\.json is inconsistent:\n- /);
    expect(problemsOf(raw)).toEqual(['former provinces in no unit: Bạc Liêu, Đắk Nông']);
  });

  it.each([[null], [{}], [{ units: 'none' }]])('rejects %j', (raw) => {
    expect(problemsOf(raw)).toContain('no "units" array');
  });
});

describe('currentUnitOf', () => {
  const caMau = { name: 'Cà Mau', label: 'tỉnh Cà Mau', since: '2025-07-01', basis: NQ_202, merged: true };
  const hue = { name: 'Huế', label: 'thành phố Huế', since: '2025-01-01', basis: NQ_175, merged: false };
  const hcm = {
    name: 'Hồ Chí Minh',
    label: 'thành phố Hồ Chí Minh',
    since: '2025-07-01',
    basis: NQ_202,
    merged: true,
  };

  it.each([
    ['Bạc Liêu', caMau],
    ['Cà Mau', caMau],
    ['bac lieu', caMau],
    ['tỉnh Bạc Liêu', caMau],
    ['Thừa Thiên Huế', hue],
    ['Huế', hue],
    ['thành phố Huế', hue],
    ['Hà Tĩnh', { name: 'Hà Tĩnh', label: 'tỉnh Hà Tĩnh', since: '2025-07-01', basis: NQ_202, merged: false }],
    ['Hà Nội', { name: 'Hà Nội', label: 'thành phố Hà Nội', since: '2025-07-01', basis: NQ_202, merged: false }],
    ['Bình Dương', hcm],
    ['Bà Rịa - Vũng Tàu', hcm],
    ['BR-VT', hcm],
    ['TP.HCM', hcm],
    [
      'Hải Dương',
      { name: 'Hải Phòng', label: 'thành phố Hải Phòng', since: '2025-07-01', basis: NQ_202, merged: true },
    ],
    ['Quảng Nam', { name: 'Đà Nẵng', label: 'thành phố Đà Nẵng', since: '2025-07-01', basis: NQ_202, merged: true }],
    ['Quảng Bình', { name: 'Quảng Trị', label: 'tỉnh Quảng Trị', since: '2025-07-01', basis: NQ_202, merged: true }],
    ['Đắk Nông', { name: 'Lâm Đồng', label: 'tỉnh Lâm Đồng', since: '2025-07-01', basis: NQ_202, merged: true }],
    ['Bình Thuận', { name: 'Lâm Đồng', label: 'tỉnh Lâm Đồng', since: '2025-07-01', basis: NQ_202, merged: true }],
    ['Hòa Bình', { name: 'Phú Thọ', label: 'tỉnh Phú Thọ', since: '2025-07-01', basis: NQ_202, merged: true }],
    ['Kon Tum', { name: 'Quảng Ngãi', label: 'tỉnh Quảng Ngãi', since: '2025-07-01', basis: NQ_202, merged: true }],
    ['Bình Định', { name: 'Gia Lai', label: 'tỉnh Gia Lai', since: '2025-07-01', basis: NQ_202, merged: true }],
    ['Long An', { name: 'Tây Ninh', label: 'tỉnh Tây Ninh', since: '2025-07-01', basis: NQ_202, merged: true }],
    ['Hậu Giang', { name: 'Cần Thơ', label: 'thành phố Cần Thơ', since: '2025-07-01', basis: NQ_202, merged: true }],
    ['Kiên Giang', { name: 'An Giang', label: 'tỉnh An Giang', since: '2025-07-01', basis: NQ_202, merged: true }],
  ])('%j → %j', (former, expected) => {
    expect(currentUnitOf(former)).toEqual(expected);
  });

  it.each(['Hà Tây', '', 'Bạc Liêu và Cà Mau'])('throws for %j, which is not one former province', (name) => {
    expect(() => currentUnitOf(name)).toThrow(RangeError);
  });
});

describe('formerUnitsOf', () => {
  it.each([
    ['Cà Mau', ['Cà Mau', 'Bạc Liêu']],
    ['Lâm Đồng', ['Lâm Đồng', 'Đắk Nông', 'Bình Thuận']],
    ['Quảng Trị', ['Quảng Trị', 'Quảng Bình']],
    ['Thừa Thiên Huế', ['Thừa Thiên Huế']],
    ['Huế', ['Thừa Thiên Huế']],
    ['thành phố Huế', ['Thừa Thiên Huế']],
    ['Hồ Chí Minh', ['Hồ Chí Minh', 'Bình Dương', 'Bà Rịa - Vũng Tàu']],
    ['thành phố Hồ Chí Minh', ['Hồ Chí Minh', 'Bình Dương', 'Bà Rịa - Vũng Tàu']],
    ['Ninh Bình', ['Ninh Bình', 'Hà Nam', 'Nam Định']],
    ['Vĩnh Long', ['Vĩnh Long', 'Bến Tre', 'Trà Vinh']],
    ['lam dong', ['Lâm Đồng', 'Đắk Nông', 'Bình Thuận']],
    ['Hà Tĩnh', ['Hà Tĩnh']],
    ['Bạc Liêu', []],
    ['Quảng Bình', []],
    ['Bình Dương', []],
    ['Hà Tây', []],
  ])('%j → %j', (current, formers) => {
    expect(formerUnitsOf(current)).toEqual(formers);
  });

  it('returns a copy the caller may change', () => {
    formerUnitsOf('Cà Mau').push('Kiên Giang');
    expect(formerUnitsOf('Cà Mau')).toEqual(['Cà Mau', 'Bạc Liêu']);
  });
});

describe('currentLabelSentence', () => {
  it.each([
    ['Bạc Liêu', 'tỉnh Bạc Liêu (nay thuộc tỉnh Cà Mau)'],
    ['Thừa Thiên Huế', 'tỉnh Thừa Thiên Huế (nay là thành phố Huế)'],
    ['Hà Tĩnh', 'tỉnh Hà Tĩnh'],
    ['Hà Nội', 'thành phố Hà Nội'],
    ['Quảng Bình', 'tỉnh Quảng Bình (nay thuộc tỉnh Quảng Trị)'],
    ['Bà Rịa - Vũng Tàu', 'tỉnh Bà Rịa - Vũng Tàu (nay thuộc thành phố Hồ Chí Minh)'],
    ['Hải Dương', 'tỉnh Hải Dương (nay thuộc thành phố Hải Phòng)'],
    ['Cà Mau', 'tỉnh Cà Mau (cũ, trước khi hợp nhất với tỉnh Bạc Liêu)'],
    ['Lâm Đồng', 'tỉnh Lâm Đồng (cũ, trước khi hợp nhất với tỉnh Đắk Nông và tỉnh Bình Thuận)'],
    ['Hồ Chí Minh', 'thành phố Hồ Chí Minh (cũ, trước khi hợp nhất với tỉnh Bình Dương và tỉnh Bà Rịa - Vũng Tàu)'],
    ['bac lieu', 'tỉnh Bạc Liêu (nay thuộc tỉnh Cà Mau)'],
  ])('%j → %j', (former, sentence) => {
    expect(currentLabelSentence(former)).toBe(sentence);
  });
});
