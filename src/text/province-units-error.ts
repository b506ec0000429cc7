/**
 * The data of the 2025 reorganisation of provinces does not hold together (a former province missing or
 * listed twice, an unknown legal basis). Thrown when the module loads, so a bad edit of the data file stops
 * the start instead of answering with a wrong province.
 */
export class ProvinceUnitsError extends Error {
  override readonly name = 'ProvinceUnitsError';
  readonly code = 'PROVINCE_UNITS_INVALID';
  /** Every problem found, one per line of the message. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`province-units-2025.json is inconsistent:\n- ${problems.join('\n- ')}`);
    this.problems = problems;
  }
}
