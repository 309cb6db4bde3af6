import { toScaled } from '../../../shared/exact-decimal'
import type { Trade } from '../trade'

const SAFE = Number.MAX_SAFE_INTEGER

/** A decimal string as `units × 10^-scale`, units a safe integer. */
interface SmallDecimal {
  units: number
  scale: number
}

/**
 * Parses a validated plain decimal string ("114513.1") with a char loop into `out` (no allocation
 * per trade); false past 15 significant digits, where a double may no longer hold it exactly.
 * In this module on purpose: a call into another module goes through an export getter under tsx.
 */
function parseSmall(s: string, out: SmallDecimal): boolean {
  let units = 0
  let scale = -1
  let digits = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 46) scale = 0
    else {
      units = units * 10 + (c - 48)
      if (scale >= 0) scale++
      if (units !== 0 && ++digits > 15) return false
    }
  }
  out.units = units
  out.scale = scale < 0 ? 0 : scale
  return true
}

/**
 * One trade's size and notional (price × size) as scaled integers, parsed once per store into a
 * reused object: doubles while they hold the value exactly (almost always), BigInts past that.
 */
export class TradeAmounts {
  buy = true
  priceScale = 0
  sizeUnits = 0
  sizeScale = 0
  notionalUnits = 0
  notionalScale = 0
  /** Non-null when the size or the notional does not fit a double exactly: the exact values. */
  bigSize: bigint | null = null
  bigNotional: bigint | null = null
  private readonly price: SmallDecimal = { units: 0, scale: 0 }
  private readonly size: SmallDecimal = { units: 0, scale: 0 }

  read(trade: Trade): this {
    return this.fromText(trade.side === 'BUY', trade.priceText, trade.quantityText)
  }

  /** From the exchange's strings (parsed here; BigInts past 15 significant digits). */
  fromText(buy: boolean, priceText: string, sizeText: string): this {
    if (parseSmall(priceText, this.price) && parseSmall(sizeText, this.size)) {
      return this.fromUnits(buy, this.price.units, this.price.scale, this.size.units, this.size.scale)
    }
    const p = toScaled(priceText)
    const q = toScaled(sizeText)
    this.buy = buy
    this.priceScale = p.scale
    this.sizeScale = q.scale
    this.notionalScale = p.scale + q.scale
    this.bigSize = q.units
    this.bigNotional = p.units * q.units
    return this
  }

  /** From amounts already parsed (safe integers and their scales): integer arithmetic only. */
  fromUnits(buy: boolean, priceUnits: number, priceScale: number, sizeUnits: number, sizeScale: number): this {
    this.buy = buy
    this.priceScale = priceScale
    this.sizeUnits = sizeUnits
    this.sizeScale = sizeScale
    this.notionalScale = priceScale + sizeScale
    this.bigSize = null
    const n = priceUnits * sizeUnits
    // a product above 2^53 is rounded by the double: redo it exactly
    if (n <= SAFE) {
      this.notionalUnits = n
      this.bigNotional = null
    } else this.bigNotional = BigInt(priceUnits) * BigInt(sizeUnits)
    return this
  }
}
