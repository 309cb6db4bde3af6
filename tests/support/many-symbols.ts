// Deterministic ticker-like names for many-symbol stacks (tests, the e2e Symbols spec, benches):
// `BTCUSDT`, `ETHUSDT`, … first, then made-up three- and four-letter bases, all distinct.

const REAL = ['BTC', 'ETH', 'SOL', 'XRP', 'DOGE', 'ADA', 'AVAX', 'LINK', 'DOT', 'LTC', 'BNB', 'TRX', 'TON', 'SUI']
const CONSONANTS = 'BCDFGHJKLMNPRSTVWZ'
const VOWELS = 'AEIOU'

/** `n` distinct `…USDT` symbols, the same list for the same `n`. */
export function manySymbols(n: number): string[] {
  const out = REAL.slice(0, n).map((b) => `${b}USDT`)
  const seen = new Set(out)
  for (let i = 0; out.length < n; i++) {
    const c1 = CONSONANTS[i % CONSONANTS.length]
    const v = VOWELS[Math.floor(i / CONSONANTS.length) % VOWELS.length]
    const c2 = CONSONANTS[Math.floor(i / (CONSONANTS.length * VOWELS.length)) % CONSONANTS.length]
    const tail = i >= CONSONANTS.length * VOWELS.length * CONSONANTS.length ? 'X' : ''
    const name = `${c1}${v}${c2}${tail}USDT`
    if (!seen.has(name)) {
      seen.add(name)
      out.push(name)
    }
  }
  return out
}
