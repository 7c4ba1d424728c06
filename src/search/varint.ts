// Unsigned LEB128 varints, as the snapshot stores postings and phrase word ids: small numbers (document gaps,
// frequencies, word ids of common words) take one byte. Values are below 2^28, so at most 4 bytes each.

export const VARINT_LIMIT = 2 ** 28;

/** Appends varints to a buffer sized for the worst case (5 bytes a value), then gives them as base64. */
export class VarintWriter {
  private readonly bytes: Buffer;
  private at = 0;

  constructor(maxValues: number) {
    this.bytes = Buffer.allocUnsafe(Math.max(0, maxValues) * 4);
  }

  write(value: number): void {
    if (!(value >= 0 && value < VARINT_LIMIT) || !Number.isInteger(value)) throw new RangeError(`varint value ${value} is out of range`);
    let v = value;
    while (v >= 0x80) {
      this.bytes[this.at++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.at++] = v;
  }

  base64(): string {
    return this.bytes.toString('base64', 0, this.at);
  }
}

/** Reads varints back from base64; `next` throws RangeError on data that is cut short or malformed. */
export class VarintReader {
  private readonly bytes: Buffer;
  private pos = 0;

  constructor(base64: string) {
    this.bytes = Buffer.from(base64, 'base64');
  }

  next(): number {
    const bytes = this.bytes;
    if (this.pos >= bytes.length) throw new RangeError('varint data is cut short');
    let b = bytes[this.pos++];
    let v = b & 0x7f;
    for (let shift = 7; b >= 0x80; shift += 7) {
      if (this.pos >= bytes.length || shift > 21) throw new RangeError('varint data is malformed');
      b = bytes[this.pos++];
      v |= (b & 0x7f) << shift;
    }
    return v;
  }

  /** Whether every byte was read (anything left over means the data does not match what was expected). */
  get done(): boolean {
    return this.pos === this.bytes.length;
  }
}
