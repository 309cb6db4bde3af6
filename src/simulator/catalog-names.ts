// The simulator's instrument names per category, most traded first: real majors (BTCUSDT, ETHUSDT,
// 1000PEPEUSDT, BTCUSD…), then a long tail of generated names (KORAUSDT, ZEFI2USDT, 1000MUTAUSDT…).
// The names do not depend on the simulator's seed, so every run lists the same board.
import { Rng, streamSeed } from './rng'
import type { SimCategory } from './types'

const MAJORS = [
  'BTC', 'ETH', 'SOL', 'XRP', 'DOGE', 'BNB', 'ADA', 'TRX', 'AVAX', 'LINK', 'SUI', 'TON', 'DOT', 'LTC', 'BCH',
  'NEAR', 'APT', 'ARB', 'OP', 'ATOM', 'UNI', 'FIL', 'ETC', 'ICP', 'HBAR', 'XLM', 'INJ', 'SEI', 'TIA', 'WIF',
  'ENA', 'AAVE', 'MKR', 'RUNE', 'ORDI', 'JUP', 'PYTH', 'STX', 'IMX', 'RENDER', 'FET', 'TAO', 'GALA', 'SAND',
  'MANA', 'AXS', 'CRV', 'LDO', 'DYDX', 'GMX', 'ONDO', 'WLD', 'KAS', 'ALGO', 'VET', 'EGLD', 'THETA', 'FLOW',
  'CHZ', 'APE'
] // prettier-ignore

/** Linear lists low-priced coins per 1000 (or more) units; spot lists them plainly. */
const LINEAR_SCALED = ['1000PEPE', '1000BONK', '1000FLOKI', 'SHIB1000', '10000SATS', '1000000MOG']
const SPOT_PLAIN = ['PEPE', 'BONK', 'FLOKI', 'SHIB']
/** Spot's second quotes for the first majors (BTCUSDC is the open-trader capture's pair). */
const SPOT_USDC = 15
const SPOT_BTC = ['ETH', 'XRP', 'SOL', 'DOGE', 'LTC']
const INVERSE_MAJORS = ['BTC', 'ETH', 'XRP', 'SOL', 'DOGE', 'ADA', 'DOT', 'LTC', 'EOS', 'MANA', 'LINK', 'AVAX']
/** Inverse quarterly futures, named like Bybit's (BTCUSDH27: March 2027). */
export const INVERSE_FUTURES = ['BTCUSDH27', 'ETHUSDH27']

/** Names tests use for a symbol that is listed nowhere; the generator never makes them. */
const RESERVED = new Set(['NOPE', 'NONE', 'TEST', 'FAKE'])

const CONSONANTS = 'BCDFGHJKLMNPRSTVWXZ'
const VOWELS = 'AEIOU'

/** A pronounceable base coin of 3 to 6 characters, now and then with digits or a 1000 prefix. */
function generatedBase(rng: Rng, category: SimCategory): string {
  let base = ''
  const syllables = rng.int(2, 3)
  for (let k = 0; k < syllables; k++) {
    base += CONSONANTS[rng.int(0, CONSONANTS.length - 1)] + VOWELS[rng.int(0, VOWELS.length - 1)]
  }
  if (base.length > 4 && rng.chance(0.5)) base = base.slice(0, 5)
  else if (rng.chance(0.3)) base += CONSONANTS[rng.int(0, CONSONANTS.length - 1)]
  if (rng.chance(0.08)) base += String(rng.int(2, 999))
  if (category === 'linear' && rng.chance(0.04)) base = `1000${base}`
  return base
}

function quote(category: SimCategory): string {
  return category === 'inverse' ? 'USD' : 'USDT'
}

/** The first names of a category, hand-picked; the rest of its board is generated. */
function majors(category: SimCategory): string[] {
  if (category === 'inverse') return [...INVERSE_MAJORS.map((b) => `${b}USD`), ...INVERSE_FUTURES]
  const out = MAJORS.slice(0, 10).map((b) => `${b}USDT`)
  out.push(...(category === 'linear' ? LINEAR_SCALED : SPOT_PLAIN).map((b) => `${b}USDT`))
  out.push(...MAJORS.slice(10).map((b) => `${b}USDT`))
  if (category === 'spot') {
    out.push(...MAJORS.slice(0, SPOT_USDC).map((b) => `${b}USDC`))
    out.push(...SPOT_BTC.map((b) => `${b}BTC`))
  }
  return out
}

/**
 * `count` distinct names for a category, most traded first. `avoid` are names already taken (the
 * caller's extra instruments), which the generator steps around.
 */
export function boardNames(category: SimCategory, count: number, avoid: ReadonlySet<string> = new Set()): string[] {
  const names: string[] = []
  const taken = new Set(avoid)
  for (const name of majors(category)) {
    if (names.length >= count) return names
    if (!taken.has(name)) {
      taken.add(name)
      names.push(name)
    }
  }
  const rng = new Rng(streamSeed(0x5eed, `board:${category}`))
  const majorBases = new Set(MAJORS)
  while (names.length < count) {
    const base = generatedBase(rng, category)
    const plain = base.replace(/^1000/, '').replace(/\d+$/, '')
    if (RESERVED.has(plain) || majorBases.has(plain)) continue
    const name = base + quote(category)
    if (name.length > 30 || taken.has(name)) continue
    taken.add(name)
    names.push(name)
  }
  return names
}
