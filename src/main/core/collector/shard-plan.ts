// How a category's topics are spread over connections within Bybit's rules: at most 21,000
// characters of `args` per connection (counted as the JSON array of every topic the connection
// subscribes, the strictest reading), and at most `maxTopics` topics so a large list spreads out.
// Spot's 10 args per request is the subscribe batching's concern (subscription-flow.ts).

import { TRADE_TOPIC_PREFIX } from '../../../shared/bybit-protocol'

export interface ShardLimits {
  maxArgsChars: number
  maxTopics: number
}

/** Characters one topic adds to a JSON args array: its quotes and a comma. */
export function topicChars(symbol: string): number {
  return TRADE_TOPIC_PREFIX.length + symbol.length + 3
}

/** Characters of the JSON array of these symbols' topics (`["publicTrade.A","publicTrade.B"]`). */
export function argsChars(symbols: Iterable<string>): number {
  let n = 2
  let count = 0
  for (const s of symbols) {
    n += topicChars(s)
    count++
  }
  return count === 0 ? 2 : n - 1
}

/** Whether one more symbol fits a connection that holds `count` topics of `chars` characters. */
export function fits(count: number, chars: number, symbol: string, limits: ShardLimits): boolean {
  if (count + 1 > limits.maxTopics) return false
  const next = count === 0 ? 2 + topicChars(symbol) - 1 : chars + topicChars(symbol)
  return next <= limits.maxArgsChars
}

/** Splits symbols into shards in order, each within the limits (a symbol alone always gets a shard). */
export function planShards(symbols: readonly string[], limits: ShardLimits): string[][] {
  const shards: string[][] = []
  let current: string[] = []
  let chars = 2
  for (const symbol of symbols) {
    if (current.length > 0 && !fits(current.length, chars, symbol, limits)) {
      shards.push(current)
      current = []
      chars = 2
    }
    chars = current.length === 0 ? 2 + topicChars(symbol) - 1 : chars + topicChars(symbol)
    current.push(symbol)
  }
  if (current.length > 0) shards.push(current)
  return shards
}
