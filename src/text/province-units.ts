import { foldVietnamese } from './normalize.ts';
import data from './province-units-2025.json' with { type: 'json' };
import { ProvinceUnitsError } from './province-units-error.ts';
import { findProvinceMentions, PROVINCE_NAMES, provinceLabel } from './provinces.ts';

/**
 * The provinces as they stand since the 2025 reorganisation (Nghị quyết số 202/2025/QH15: 34 units from
 * 01/7/2025; Nghị quyết số 175/2024/QH15: thành phố Huế from 01/01/2025), each with the former provinces
 * it was formed from. The documents in the knowledge base belong to the former provinces, which keep the
 * 63 names of provinces.ts; these functions say where each one belongs now.
 */

export type UnitKind = 'tỉnh' | 'thành phố';

export interface ProvinceUnit {
  kind: UnitKind;
  /** "Cà Mau", "Huế", "Hồ Chí Minh". */
  name: string;
  /** "tỉnh Cà Mau", "thành phố Huế". */
  label: string;
  /** Former provinces by their names in provinces.ts; the first is the one whose name the unit kept. */
  formerUnits: readonly string[];
  /** ISO date from which the unit exists in this form. */
  since: string;
  /** "Nghị quyết số 202/2025/QH15". */
  basis: string;
}

export interface CurrentUnit {
  name: string;
  label: string;
  since: string;
  basis: string;
  /** True when the current unit was formed from more than one former province. */
  merged: boolean;
}

const KINDS: readonly string[] = ['tỉnh', 'thành phố'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A JSON object, its fields still to be checked (util/is-record.ts is not committed yet; kept local). */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string');
}

/**
 * Checks the reorganisation data and returns its units: every former name is one of `formerNames` and
 * appears exactly once, every unit keeps the name of its first former unit, every basis is declared with
 * the date it took effect. Throws ProvinceUnitsError listing every problem found.
 */
export function parseProvinceUnits(raw: unknown, formerNames: readonly string[] = PROVINCE_NAMES): ProvinceUnit[] {
  const problems: string[] = [];
  const bases = new Map<string, string>();
  const rawBases = isRecord(raw) && Array.isArray(raw.bases) ? raw.bases : [];
  for (const basis of rawBases) {
    if (isRecord(basis) && typeof basis.name === 'string' && typeof basis.inForce === 'string') {
      bases.set(basis.name, basis.inForce);
    } else {
      problems.push(`a basis needs a name and an inForce date: ${JSON.stringify(basis)}`);
    }
  }
  const rawUnits = isRecord(raw) && Array.isArray(raw.units) ? raw.units : null;
  if (!rawUnits) return fail([...problems, 'no "units" array']);

  const units: ProvinceUnit[] = [];
  const seen = new Map<string, string>();
  const known = new Set(formerNames);
  for (const unit of rawUnits) {
    const { kind, name, formerUnits, since, basis } = isRecord(unit) ? unit : {};
    if (typeof kind !== 'string' || !KINDS.includes(kind) || typeof name !== 'string' || !isStringArray(formerUnits)) {
      problems.push(`a unit needs a kind ("tỉnh" or "thành phố"), a name and formerUnits: ${JSON.stringify(unit)}`);
      continue;
    }
    if (typeof basis !== 'string' || !bases.has(basis)) {
      problems.push(`${name}: basis ${JSON.stringify(basis)} is not one of the declared bases`);
    } else if (typeof since !== 'string' || !ISO_DATE.test(since) || since !== bases.get(basis)) {
      problems.push(`${name}: since ${JSON.stringify(since)} is not the date ${basis} took effect`);
    }
    for (const former of formerUnits) {
      if (!known.has(former)) problems.push(`${name}: "${former}" is not one of the former provinces`);
      const other = seen.get(former);
      if (other !== undefined) problems.push(`"${former}" is a former unit of both ${other} and ${name}`);
      seen.set(former, name);
    }
    const [namesake] = formerUnits;
    if (namesake !== undefined && nameOfFormer(name, formerNames) !== namesake) {
      problems.push(`${name}: its first former unit is "${namesake}", not the province of that name`);
    }
    units.push({
      kind: kind as UnitKind,
      name,
      label: `${kind} ${name}`,
      formerUnits: Object.freeze([...formerUnits]),
      since: String(since),
      basis: String(basis),
    });
  }
  const missing = formerNames.filter((former) => !seen.has(former));
  if (missing.length > 0) problems.push(`former provinces in no unit: ${missing.join(', ')}`);
  return problems.length > 0 ? fail(problems) : units;
}

function fail(problems: readonly string[]): never {
  throw new ProvinceUnitsError(problems);
}

const PREFIX = /^\s*(?:tỉnh|tinh|thành phố|thanh pho|tp\.?)\s+/iu;

/**
 * The former province a name stands for, written any way the province list knows ("Huế", "TP HCM",
 * "tỉnh Bạc Liêu", "bac lieu"), or null. The whole name must be one province, not a sentence naming one.
 */
function nameOfFormer(name: string, formerNames: readonly string[]): string | null {
  if (formerNames.includes(name)) return name;
  const bare = name.replace(PREFIX, '').trim();
  const mentions = findProvinceMentions(bare);
  const [only] = mentions;
  if (mentions.length !== 1 || !only || only.index !== 0 || only.length !== foldVietnamese(bare).length) return null;
  return formerNames.includes(only.name) ? only.name : null;
}

/** The 34 units since the 2025 reorganisation, in the order of the data file. */
export const PROVINCE_UNITS: readonly ProvinceUnit[] = Object.freeze(parseProvinceUnits(data));

const UNIT_OF_FORMER = new Map<string, ProvinceUnit>(
  PROVINCE_UNITS.flatMap((unit) => unit.formerUnits.map((former) => [former, unit] as const)),
);
/** Keyed by the former province whose name the unit kept ("Thừa Thiên Huế" for thành phố Huế). */
const UNIT_OF_NAMESAKE = new Map<string, ProvinceUnit>(PROVINCE_UNITS.map((unit) => [unit.formerUnits[0]!, unit]));

function formerOrThrow(formerName: string): string {
  const former = nameOfFormer(formerName, PROVINCE_NAMES);
  if (former === null) throw new RangeError(`"${formerName}" is not one of the 63 former provinces`);
  return former;
}

/**
 * The unit a former province belongs to now: "Bạc Liêu" → tỉnh Cà Mau since 2025-07-01 (merged),
 * "Thừa Thiên Huế" → thành phố Huế since 2025-01-01, "Hà Tĩnh" → itself. Throws a RangeError for a
 * name that is no province.
 */
export function currentUnitOf(formerName: string): CurrentUnit {
  const unit = UNIT_OF_FORMER.get(formerOrThrow(formerName))!;
  return {
    name: unit.name,
    label: unit.label,
    since: unit.since,
    basis: unit.basis,
    merged: unit.formerUnits.length > 1,
  };
}

/**
 * The former provinces a current unit was formed from, the one whose name it kept first:
 * "Cà Mau" → ["Cà Mau", "Bạc Liêu"], "Huế" or "Thừa Thiên Huế" → ["Thừa Thiên Huế"]. Empty for a
 * province that is no longer a unit of its own ("Bạc Liêu") and for a name that is no province.
 */
export function formerUnitsOf(currentName: string): string[] {
  const former = nameOfFormer(currentName, PROVINCE_NAMES);
  const unit = former === null ? undefined : UNIT_OF_NAMESAKE.get(former);
  return unit ? [...unit.formerUnits] : [];
}

function listed(labels: readonly string[]): string {
  return labels.length < 2 ? labels.join('') : `${labels.slice(0, -1).join(', ')} và ${labels.at(-1)}`;
}

/**
 * How an answer names the province of a former province's document: "tỉnh Bạc Liêu (nay thuộc tỉnh
 * Cà Mau)", "tỉnh Thừa Thiên Huế (nay là thành phố Huế)", "tỉnh Hà Tĩnh"; the province whose name the
 * merged unit kept is the former one, "tỉnh Cà Mau (cũ, trước khi hợp nhất với tỉnh Bạc Liêu)".
 */
export function currentLabelSentence(formerName: string): string {
  const former = formerOrThrow(formerName);
  const unit = UNIT_OF_FORMER.get(former)!;
  const label = provinceLabel(former);
  if (unit.formerUnits.length === 1) return unit.name === former ? label : `${label} (nay là ${unit.label})`;
  if (unit.formerUnits[0] !== former) return `${label} (nay thuộc ${unit.label})`;
  const others = unit.formerUnits.slice(1).map(provinceLabel);
  return `${label} (cũ, trước khi hợp nhất với ${listed(others)})`;
}
