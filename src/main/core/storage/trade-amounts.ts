import { toScaled } from '../../../shared/exact-decimal'
import type { Trade } from '../trade'
import { parseSmall, type SmallDecimal } from './exact-sum'

const SAFE = Number.MAX_SAFE_INTEGER

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
    this.buy = trade.side === 'BUY'
    if (parseSmall(trade.priceText, this.price) && parseSmall(trade.quantityText, this.size)) {
      const p = this.price
      const q = this.size
      this.priceScale = p.scale
      this.sizeUnits = q.units
      this.sizeScale = q.scale
      this.notionalScale = p.scale + q.scale
      this.bigSize = null
      const n = p.units * q.units
      // a product above 2^53 is rounded by the double: redo it exactly
      if (n <= SAFE) {
        this.notionalUnits = n
        this.bigNotional = null
      } else this.bigNotional = BigInt(p.units) * BigInt(q.units)
      return this
    }
    const p = toScaled(trade.priceText)
    const q = toScaled(trade.quantityText)
    this.priceScale = p.scale
    this.sizeScale = q.scale
    this.notionalScale = p.scale + q.scale
    this.bigSize = q.units
    this.bigNotional = p.units * q.units
    return this
  }
}
