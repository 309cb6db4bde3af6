import type { Category } from '../../../shared/dto'
import { Trade } from '../trade'

// One block of a ring's held trades in columns: every trade takes SLOT_BYTES of one ArrayBuffer,
// and nothing else unless a value cannot be packed (then it waits in `odd` as the exchange's string).
//
//   f (Float64, 5 columns): timestamp | receivedAt | seq (NaN: none) | price units | size units
//   u (Uint32, 5 columns):  meta | id word 0 | id word 1 | id word 2 | id word 3
//
// A price or size is `units × 10^-scale` with the scale as sent ("0.00001000" keeps 8 places), so
// the string rebuilt on read is byte-identical; one that would not be (a leading zero, more than
// 15 significant digits) stays a string. Trade ids: a decimal number of up to 27 digits in three
// words of 9 digits, a lowercase UUID in four 32-bit words, anything else a string.

export const F_COLUMNS = 5
export const U_COLUMNS = 5
/** Bytes one held trade takes in a chunk. */
export const SLOT_BYTES = F_COLUMNS * 8 + U_COLUMNS * 4
/** Per-chunk bookkeeping counted with its columns (the objects around the buffer). */
export const CHUNK_OVERHEAD_BYTES = 256
/** A string kept for a value that could not be packed: its UTF-16 length plus the entry around it. */
export const ODD_ENTRY_BYTES = 96

// meta bits
const PRICE_SCALE_MASK = 0x3f // bits 0-5
const SIZE_SCALE_SHIFT = 6 // bits 6-11
const BUY = 1 << 12
const TICK_SHIFT = 13 // bits 13-15: 0 none, 1-4 the four names, 7 odd
const BLOCK_SHIFT = 16 // bits 16-17: 0 none, 1 false, 2 true
const RPI_SHIFT = 18 // bits 18-19
const BACKFILLED = 1 << 20
const ID_SHIFT = 21 // bits 21-22: 0 number, 1 uuid, 2 odd
const PRICE_ODD = 1 << 23
const SIZE_ODD = 1 << 24

const ID_NUMBER = 0
const ID_UUID = 1
const ID_ODD = 2
const TICK_ODD = 7

/** The meta word's layout, for readers of the columns outside this file (the durable tier's SQL). */
export const CHUNK_META = {
  priceScaleMask: PRICE_SCALE_MASK,
  sizeScaleShift: SIZE_SCALE_SHIFT,
  buy: BUY,
  tickShift: TICK_SHIFT,
  tickOdd: TICK_ODD,
  blockShift: BLOCK_SHIFT,
  rpiShift: RPI_SHIFT,
  backfilled: BACKFILLED,
  idShift: ID_SHIFT,
  idNumber: ID_NUMBER,
  idUuid: ID_UUID,
  priceOdd: PRICE_ODD,
  sizeOdd: SIZE_ODD
} as const
const TICKS = ['', 'PlusTick', 'ZeroPlusTick', 'MinusTick', 'ZeroMinusTick']
const E9 = 1_000_000_000

/** The strings of a trade that could not be packed. */
export interface OddFields {
  price?: string
  size?: string
  id?: string
  tick?: string
}

export class TradeChunk {
  readonly f: Float64Array
  readonly u: Uint32Array
  /** Offsets whose trade has unpacked strings; written once per offset, never changed. */
  odd: Map<number, OddFields> | null = null
  oddBytes = 0

  constructor(readonly size: number) {
    const buffer = new ArrayBuffer(size * SLOT_BYTES)
    this.f = new Float64Array(buffer, 0, size * F_COLUMNS)
    this.u = new Uint32Array(buffer, size * F_COLUMNS * 8, size * U_COLUMNS)
  }

  get bytes(): number {
    return this.size * SLOT_BYTES + CHUNK_OVERHEAD_BYTES + this.oddBytes
  }

  receivedAt(i: number): number {
    return this.f[this.size + i]
  }

  timestamp(i: number): number {
    return this.f[i]
  }

  isBuy(i: number): boolean {
    return (this.u[i] & BUY) !== 0
  }

  /** The price's units and scale when packed (else null: read `oddPrice`). */
  priceUnits(i: number): number {
    return this.f[3 * this.size + i]
  }

  sizeUnits(i: number): number {
    return this.f[4 * this.size + i]
  }

  priceScale(i: number): number {
    return this.u[i] & PRICE_SCALE_MASK
  }

  sizeScale(i: number): number {
    return (this.u[i] >>> SIZE_SCALE_SHIFT) & 0x3f
  }

  /** True when the price or size is kept as a string (see `text`). */
  amountsOdd(i: number): boolean {
    return (this.u[i] & (PRICE_ODD | SIZE_ODD)) !== 0
  }

  priceText(i: number): string {
    const m = this.u[i]
    return (m & PRICE_ODD) !== 0
      ? (this.odd?.get(i)?.price as string)
      : formatScaled(this.f[3 * this.size + i], m & PRICE_SCALE_MASK)
  }

  sizeText(i: number): string {
    const m = this.u[i]
    return (m & SIZE_ODD) !== 0
      ? (this.odd?.get(i)?.size as string)
      : formatScaled(this.f[4 * this.size + i], (m >>> SIZE_SCALE_SHIFT) & 0x3f)
  }

  tradeId(i: number): string {
    const kind = (this.u[i] >>> ID_SHIFT) & 3
    const w = this.size
    if (kind === ID_NUMBER) {
      const hi = this.u[3 * w + i]
      const mid = this.u[2 * w + i]
      const lo = this.u[w + i]
      if (hi !== 0) return `${hi}${pad9(mid)}${pad9(lo)}`
      if (mid !== 0) return `${mid}${pad9(lo)}`
      return String(lo)
    }
    if (kind === ID_UUID) {
      const a = hex8(this.u[w + i])
      const b = hex8(this.u[2 * w + i])
      const c = hex8(this.u[3 * w + i])
      const d = hex8(this.u[4 * w + i])
      return `${a}-${b.slice(0, 4)}-${b.slice(4)}-${c.slice(0, 4)}-${c.slice(4)}${d}`
    }
    return this.odd?.get(i)?.id as string
  }

  /** Writes one trade at offset `i`; `amounts` is where its price and size were parsed (see TradeEncoder). */
  write(i: number, t: Trade, enc: TradeEncoder): void {
    const w = this.size
    const f = this.f
    f[i] = t.timestamp
    f[w + i] = t.receivedAt
    f[2 * w + i] = t.seq === undefined ? NaN : t.seq
    let meta = t.side === 'BUY' ? BUY : 0
    let odd: OddFields | null = null
    if (enc.priceScale >= 0) {
      f[3 * w + i] = enc.priceUnits
      meta |= enc.priceScale
    } else {
      meta |= PRICE_ODD
      odd = { price: t.priceText }
    }
    if (enc.sizeScale >= 0) {
      f[4 * w + i] = enc.sizeUnits
      meta |= enc.sizeScale << SIZE_SCALE_SHIFT
    } else {
      meta |= SIZE_ODD
      ;(odd ??= {}).size = t.quantityText
    }
    const tick = tickCode(t.tickDirection)
    meta |= tick << TICK_SHIFT
    if (tick === TICK_ODD) (odd ??= {}).tick = t.tickDirection
    if (t.isBlockTrade !== undefined) meta |= (t.isBlockTrade ? 2 : 1) << BLOCK_SHIFT
    if (t.isRpi !== undefined) meta |= (t.isRpi ? 2 : 1) << RPI_SHIFT
    if (t.backfilled) meta |= BACKFILLED
    const id = t.tradeId
    const u = this.u
    if (packNumberId(id, u, w, i)) meta |= ID_NUMBER << ID_SHIFT
    else if (packUuid(id, u, w, i)) meta |= ID_UUID << ID_SHIFT
    else {
      meta |= ID_ODD << ID_SHIFT
      ;(odd ??= {}).id = id
    }
    u[i] = meta
    if (odd !== null) {
      ;(this.odd ??= new Map()).set(i, odd)
      this.oddBytes += ODD_ENTRY_BYTES + 2 * oddLength(odd)
    }
  }

  /** Writes at offset `i` the trade another chunk holds at `j` (its columns copied, its strings shared). */
  copySlot(i: number, from: TradeChunk, j: number): void {
    const w = this.size
    const v = from.size
    for (let c = 0; c < F_COLUMNS; c++) this.f[c * w + i] = from.f[c * v + j]
    for (let c = 0; c < U_COLUMNS; c++) this.u[c * w + i] = from.u[c * v + j]
    const odd = from.odd?.get(j)
    if (odd !== undefined) {
      ;(this.odd ??= new Map()).set(i, odd)
      this.oddBytes += ODD_ENTRY_BYTES + 2 * oddLength(odd)
    } else this.odd?.delete(i)
  }

  /** The trade at offset `i`, built anew (nothing but the columns is held). */
  read(i: number, category: string, symbol: string): Trade {
    const m = this.u[i]
    const w = this.size
    const seq = this.f[2 * w + i]
    const tick = (m >>> TICK_SHIFT) & 7
    const block = (m >>> BLOCK_SHIFT) & 3
    const rpi = (m >>> RPI_SHIFT) & 3
    return new Trade({
      symbol,
      side: (m & BUY) !== 0 ? 'BUY' : 'SELL',
      price: this.priceText(i),
      quantity: this.sizeText(i),
      timestamp: this.f[i],
      receivedAt: this.f[w + i],
      category: category as Category,
      tradeId: this.tradeId(i),
      seq: Number.isNaN(seq) ? undefined : seq,
      tickDirection: tick === 0 ? undefined : tick === TICK_ODD ? this.odd?.get(i)?.tick : TICKS[tick],
      isBlockTrade: block === 0 ? undefined : block === 2,
      isRpi: rpi === 0 ? undefined : rpi === 2,
      backfilled: (m & BACKFILLED) !== 0
    })
  }
}

function oddLength(o: OddFields): number {
  return (o.price?.length ?? 0) + (o.size?.length ?? 0) + (o.id?.length ?? 0) + (o.tick?.length ?? 0)
}

function tickCode(tick: string | undefined): number {
  if (tick === undefined) return 0
  if (tick === 'PlusTick') return 1
  if (tick === 'ZeroPlusTick') return 2
  if (tick === 'MinusTick') return 3
  if (tick === 'ZeroMinusTick') return 4
  return TICK_ODD
}

function pad9(n: number): string {
  const s = String(n)
  return s.length >= 9 ? s : '000000000'.slice(s.length) + s
}

function hex8(n: number): string {
  const s = n.toString(16)
  return s.length >= 8 ? s : '00000000'.slice(s.length) + s
}

/** "0.00001000" from (1000, 8): the digits of `units`, zero-padded to `scale` decimals. */
export function formatScaled(units: number, scale: number): string {
  const digits = String(units)
  if (scale === 0) return digits
  const padded = digits.length > scale ? digits : '0'.repeat(scale + 1 - digits.length) + digits
  const cut = padded.length - scale
  return `${padded.slice(0, cut)}.${padded.slice(cut)}`
}

/** A decimal id without leading zeros, up to 27 digits, as three 9-digit words (low first). */
function packNumberId(id: string, u: Uint32Array, w: number, i: number): boolean {
  const n = id.length
  if (n === 0 || n > 27 || (n > 1 && id.charCodeAt(0) === 48)) return false
  let lo = 0
  let mid = 0
  let hi = 0
  for (let k = 0; k < n; k++) {
    const d = id.charCodeAt(k) - 48
    if (d < 0 || d > 9) return false
    const fromEnd = n - 1 - k
    if (fromEnd >= 18) hi = hi * 10 + d
    else if (fromEnd >= 9) mid = mid * 10 + d
    else lo = lo * 10 + d
  }
  u[w + i] = lo
  u[2 * w + i] = mid
  u[3 * w + i] = hi
  return lo < E9 && mid < E9 && hi < E9
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48
  if (c >= 97 && c <= 102) return c - 87
  return -1
}

/** A lowercase 8-4-4-4-12 UUID as four 32-bit words. */
function packUuid(id: string, u: Uint32Array, w: number, i: number): boolean {
  if (id.length !== 36) return false
  let word = 0
  let nibbles = 0
  let k = 1
  for (let p = 0; p < 36; p++) {
    const c = id.charCodeAt(p)
    if (p === 8 || p === 13 || p === 18 || p === 23) {
      if (c !== 45) return false
      continue
    }
    const d = hexDigit(c)
    if (d < 0) return false
    word = word * 16 + d
    if (++nibbles === 8) {
      u[k * w + i] = word
      k++
      word = 0
      nibbles = 0
    }
  }
  return true
}

const SAFE = Number.MAX_SAFE_INTEGER

/**
 * Parses a trade's price and size once per store, into fields the chunk and the sums read: a
 * scale of -1 means the value stays a string (a leading zero, or more than 15 significant digits,
 * where the rebuilt string or a double would not be exact).
 */
export class TradeEncoder {
  priceUnits = 0
  priceScale = 0
  sizeUnits = 0
  sizeScale = 0

  read(t: Trade): this {
    this.priceScale = this.parse(t.priceText)
    this.priceUnits = this.units
    this.sizeScale = this.parse(t.quantityText)
    this.sizeUnits = this.units
    return this
  }

  private units = 0

  /** The scale of a validated plain decimal (its units in `units`), or -1 when it must stay a string. */
  private parse(s: string): number {
    const n = s.length
    if (n > 1 && s.charCodeAt(0) === 48 && s.charCodeAt(1) !== 46) return -1
    let units = 0
    let scale = -1
    let digits = 0
    for (let k = 0; k < n; k++) {
      const c = s.charCodeAt(k)
      if (c === 46) scale = 0
      else {
        units = units * 10 + (c - 48)
        if (scale >= 0) scale++
        if (units !== 0 && ++digits > 15) return -1
      }
    }
    if (units > SAFE || scale > 63) return -1
    this.units = units
    return scale < 0 ? 0 : scale
  }
}
