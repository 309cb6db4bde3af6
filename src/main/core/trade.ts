import Decimal from 'decimal.js'
import type { Category, Side, TradeDto } from '../../shared/dto'

/**
 * A plain decimal string as exchanges send it: digits, at most one dot, no sign, no exponent.
 * A char loop instead of a regex: it runs twice per trade on the hot path.
 */
export function isPlainDecimal(s: string): boolean {
  const n = s.length
  if (n === 0 || n > 40) return false
  let dot = false
  let digits = 0
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c >= 48 && c <= 57) digits++
    else if (c === 46 && !dot && i > 0 && i < n - 1) dot = true
    else return false
  }
  return digits > 0
}

/** True when a plain decimal string is not zero ("0", "0.000"). */
export function isNonZeroDecimal(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c > 48 && c <= 57) return true
  }
  return false
}

export interface TradeInit {
  symbol: string
  side: Side
  /** Validated plain decimal strings, exactly as received. */
  price: string
  quantity: string
  timestamp: number
  receivedAt: number
  category: Category
  tradeId: string
  seq?: number
  tickDirection?: string
  isBlockTrade?: boolean
  isRpi?: boolean
  backfilled?: boolean
}

/**
 * One public trade. Price and size keep the wire strings and materialize a Decimal lazily:
 * building two Decimals per trade would halve ingest throughput, and most trades are never
 * used in arithmetic. The strings are the canonical value; the Decimal equals them exactly.
 */
export class Trade {
  readonly exchange = 'bybit' as const
  readonly symbol: string
  readonly side: Side
  readonly priceText: string
  readonly quantityText: string
  readonly timestamp: number
  readonly receivedAt: number
  readonly category: Category
  readonly tradeId: string
  readonly seq: number | undefined
  readonly tickDirection: string | undefined
  readonly isBlockTrade: boolean | undefined
  readonly isRpi: boolean | undefined
  readonly backfilled: boolean
  private priceDecimal: Decimal | undefined
  private quantityDecimal: Decimal | undefined

  constructor(init: TradeInit) {
    this.symbol = init.symbol
    this.side = init.side
    this.priceText = init.price
    this.quantityText = init.quantity
    this.timestamp = init.timestamp
    this.receivedAt = init.receivedAt
    this.category = init.category
    this.tradeId = init.tradeId
    this.seq = init.seq
    this.tickDirection = init.tickDirection
    this.isBlockTrade = init.isBlockTrade
    this.isRpi = init.isRpi
    this.backfilled = init.backfilled === true
  }

  get price(): Decimal {
    return (this.priceDecimal ??= new Decimal(this.priceText))
  }

  get quantity(): Decimal {
    return (this.quantityDecimal ??= new Decimal(this.quantityText))
  }

  /**
   * The guide's debug form, Python's dataclass repr: `Trade(symbol='BTCUSDT', side='BUY',
   * price=Decimal('67000.5'), quantity=Decimal('0.001'), timestamp=…, trade_id='…')`.
   */
  repr(): string {
    return (
      `Trade(symbol='${this.symbol}', side='${this.side}', price=Decimal('${this.priceText}'), ` +
      `quantity=Decimal('${this.quantityText}'), timestamp=${this.timestamp}, exchange='bybit', ` +
      `category='${this.category}', trade_id='${this.tradeId}')`
    )
  }

  toDto(): TradeDto {
    const dto: TradeDto = {
      symbol: this.symbol,
      side: this.side,
      price: this.priceText,
      quantity: this.quantityText,
      timestamp: this.timestamp,
      received_at: this.receivedAt,
      exchange: 'bybit',
      category: this.category,
      trade_id: this.tradeId
    }
    if (this.seq !== undefined) dto.seq = this.seq
    if (this.tickDirection !== undefined) dto.tick_direction = this.tickDirection
    if (this.isBlockTrade !== undefined) dto.is_block_trade = this.isBlockTrade
    if (this.isRpi !== undefined) dto.is_rpi = this.isRpi
    if (this.backfilled) dto.backfilled = true
    return dto
  }
}
