// Wire trades for renderer tests: distinct ids and rising times, spot BTCUSDT unless told otherwise.
import type { TradeDto } from '../../src/shared/dto'

let nextId = 1

/** A trade with the next id (and timestamp `1_000 + id`), `over` laid on top. */
export function tradeDto(over: Partial<TradeDto> = {}): TradeDto {
  const id = nextId++
  return {
    symbol: 'BTCUSDT',
    side: 'BUY',
    price: '100.5',
    quantity: '0.1',
    timestamp: 1_000 + id,
    received_at: 1_000 + id,
    exchange: 'bybit',
    category: 'spot',
    trade_id: String(id),
    ...over
  }
}

/** The id the next `tradeDto()` will get. */
export function peekNextTradeId(): number {
  return nextId
}
