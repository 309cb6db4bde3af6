import Decimal from 'decimal.js'
import type { DecimalSums } from '../../../shared/dto'
import { ExactSum } from './exact-sum'
import type { TradeAmounts } from './trade-amounts'

/** VWAP digits after the point beyond the widest price seen (114513.1 → 5 places). */
export const VWAP_EXTRA_PLACES = 4

/** decimal.js with banker's rounding; its precision is set per division (see `vwapOf`). */
const VwapDecimal = Decimal.clone({ rounding: Decimal.ROUND_HALF_EVEN })

/**
 * notional / volume rounded half-even to `places`, exactly once. The division runs at a precision
 * of every digit of both operands plus `places` + 2: a quotient of integers whose divisor has k
 * digits cannot show more than k zeros or nines in a row unless it terminates, so rounding at that
 * precision can never manufacture a tie at `places`.
 */
export function vwapOf(notional: ExactSum, volume: ExactSum, places: number): string | null {
  if (volume.isZero()) return null
  const n = notional.toString()
  const v = volume.toString()
  VwapDecimal.set({ precision: n.length + v.length + places + 2 })
  return new VwapDecimal(n).div(v).toDecimalPlaces(places).toFixed()
}

/** Buy volume, sell volume and notional (Σ price × size) of a set of trades, exact. */
export class TradeSums {
  trades = 0
  readonly buy = new ExactSum()
  readonly sell = new ExactSum()
  readonly notional = new ExactSum()
  /** Widest price scale added: sets the VWAP's digits. */
  priceScale = 0

  /** sign 1 adds the trade, -1 takes it out again (eviction). */
  apply(a: TradeAmounts, sign: 1 | -1): void {
    this.trades += sign
    const volume = a.buy ? this.buy : this.sell
    if (a.bigSize === null) volume.add(sign * a.sizeUnits, a.sizeScale)
    else volume.addBig(sign > 0 ? a.bigSize : -a.bigSize, a.sizeScale)
    if (a.bigNotional === null) this.notional.add(sign * a.notionalUnits, a.notionalScale)
    else this.notional.addBig(sign > 0 ? a.bigNotional : -a.bigNotional, a.notionalScale)
    if (a.priceScale > this.priceScale) this.priceScale = a.priceScale
  }

  merge(other: TradeSums): void {
    this.trades += other.trades
    this.buy.addSum(other.buy)
    this.sell.addSum(other.sell)
    this.notional.addSum(other.notional)
    if (other.priceScale > this.priceScale) this.priceScale = other.priceScale
  }

  reset(): void {
    this.trades = 0
    this.buy.reset()
    this.sell.reset()
    this.notional.reset()
    this.priceScale = 0
  }

  toDto(): DecimalSums {
    const volume = new ExactSum()
    volume.addSum(this.buy)
    volume.addSum(this.sell)
    return {
      trades: this.trades,
      buy_volume: this.buy.toString(),
      sell_volume: this.sell.toString(),
      notional: this.notional.toString(),
      vwap: vwapOf(this.notional, volume, this.priceScale + VWAP_EXTRA_PLACES)
    }
  }
}
