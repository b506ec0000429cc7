import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * Texts kept deflated, back to back in one byte array. Vietnamese held as JavaScript strings costs two
 * bytes a character; deflated it costs about a third of a byte, and a document is inflated only when
 * something reads it (an answer quoting it, the document page). Each text is compressed on its own, so
 * reading one never inflates another.
 */
export class CompressedTexts {
  private bytes: Uint8Array;
  private ends = new Float64Array(64);
  private size = 0;
  private length = 0;

  /** `expectedBytes`: room to start with, so a large base is not copied over and over while it grows. */
  constructor(expectedBytes = 1 << 16) {
    this.bytes = new Uint8Array(Math.max(1 << 16, expectedBytes));
  }

  get count(): number {
    return this.length;
  }

  /** Stores a text; returns its number. */
  add(text: string): number {
    const deflated = deflateRawSync(text, { level: constants.Z_BEST_SPEED });
    while (this.size + deflated.length > this.bytes.length) this.bytes = grow(this.bytes, this.bytes.length * 2);
    this.bytes.set(deflated, this.size);
    this.size += deflated.length;
    if (this.length === this.ends.length) this.ends = grow(this.ends, this.length * 2);
    this.ends[this.length] = this.size;
    return this.length++;
  }

  /** Releases the room kept for further texts. */
  seal(): void {
    this.bytes = this.bytes.slice(0, this.size);
    this.ends = this.ends.slice(0, this.length);
  }

  get(index: number): string {
    if (!(index >= 0 && index < this.length)) throw new RangeError(`no text ${index}`);
    const start = index === 0 ? 0 : this.ends[index - 1]!;
    return inflateRawSync(this.bytes.subarray(start, this.ends[index]!)).toString('utf8');
  }

  /** Bytes held, for reports. */
  get byteLength(): number {
    return this.bytes.byteLength + this.ends.byteLength;
  }
}

function grow<T extends Uint8Array | Float64Array>(array: T, size: number): T {
  const larger = new (array.constructor as new (size: number) => T)(size);
  larger.set(array);
  return larger;
}
