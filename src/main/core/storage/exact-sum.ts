import { fromScaled } from '../../../shared/exact-decimal'

// A running exact sum of decimals, cheap enough for the ingest hot path. The value is
// `(big + small) × 10^-scale`: `small` is a float holding an integer that is kept within 2^53, so
// every addition to it is exact; it spills into the BigInt `big` only when it would leave that
// range. Typical trade prices and sizes (≤ 15 digits) never touch BigInt on the way in.

const SAFE = Number.MAX_SAFE_INTEGER
/** 10^k as exact doubles (exact up to 10^22). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k)
const BIG_POW10 = Array.from({ length: 41 }, (_, k) => 10n ** BigInt(k))

function bigPow10(k: number): bigint {
  return k < BIG_POW10.length ? BIG_POW10[k] : 10n ** BigInt(k)
}

export class ExactSum {
  private scale = 0
  private small = 0
  private big = 0n

  /** Adds `units × 10^-scale` (units a safe integer, either sign). */
  add(units: number, scale: number): void {
    if (scale > this.scale) this.widen(scale)
    const v =
      scale === this.scale ? units : this.scale - scale < POW10.length ? units * POW10[this.scale - scale] : SAFE + 1
    if (v > SAFE || v < -SAFE) {
      this.addBig(BigInt(units), scale)
      return
    }
    const next = this.small + v
    if (next > SAFE || next < -SAFE) {
      this.big += BigInt(this.small) + BigInt(v)
      this.small = 0
    } else this.small = next
  }

  /** Adds `units × 10^-scale` for any size of units. */
  addBig(units: bigint, scale: number): void {
    if (scale > this.scale) this.widen(scale)
    this.big += scale === this.scale ? units : units * bigPow10(this.scale - scale)
  }

  /** Adds another sum's value. */
  addSum(other: ExactSum): void {
    this.addBig(other.big + BigInt(other.small), other.scale)
  }

  get units(): bigint {
    return this.big + BigInt(this.small)
  }

  isZero(): boolean {
    return this.small === 0 && this.big === 0n
  }

  /** Exact canonical text ("0.0641"). */
  toString(): string {
    return fromScaled(this.units, this.scale)
  }

  reset(): void {
    this.scale = 0
    this.small = 0
    this.big = 0n
  }

  private widen(scale: number): void {
    this.big = (this.big + BigInt(this.small)) * bigPow10(scale - this.scale)
    this.small = 0
    this.scale = scale
  }
}
