// Instrument grids: prices and sizes are held as integer counts of the smallest unit and only
// turned into decimal strings at the edge, so no float artefact (0.30000000000000004) can appear.
import type { SimCategory } from './types'

export interface Instrument {
  /** Digits after the point in the smallest price unit. */
  priceDecimals: number
  /** Price tick in smallest units (linear BTCUSDT: 0.10 = 10 units at 2 decimals). */
  tickUnits: number
  /** Starting price in smallest units. */
  startUnits: number
  sizeDecimals: number
  /** Lot step in smallest size units; sizes are lotUnits × [minLots, maxLots] (log-uniform). */
  lotUnits: number
  minLots: number
  maxLots: number
}

export const DEFAULT_SYMBOLS: Record<SimCategory, string[]> = {
  spot: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT'],
  linear: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT'],
  inverse: ['BTCUSD', 'ETHUSD']
}

const KNOWN: Record<SimCategory, Record<string, Instrument>> = {
  spot: {
    BTCUSDT: {
      priceDecimals: 2,
      tickUnits: 1,
      startUnits: 10456950,
      sizeDecimals: 6,
      lotUnits: 1,
      minLots: 20,
      maxLots: 500000
    },
    ETHUSDT: {
      priceDecimals: 2,
      tickUnits: 1,
      startUnits: 389012,
      sizeDecimals: 5,
      lotUnits: 1,
      minLots: 10,
      maxLots: 2000000
    },
    SOLUSDT: {
      priceDecimals: 2,
      tickUnits: 1,
      startUnits: 18523,
      sizeDecimals: 3,
      lotUnits: 1,
      minLots: 1,
      maxLots: 300000
    },
    XRPUSDT: {
      priceDecimals: 4,
      tickUnits: 1,
      startUnits: 24567,
      sizeDecimals: 2,
      lotUnits: 1,
      minLots: 100,
      maxLots: 5000000
    },
    BTCUSDC: {
      priceDecimals: 1,
      tickUnits: 1,
      startUnits: 1145131,
      sizeDecimals: 6,
      lotUnits: 1,
      minLots: 20,
      maxLots: 100000
    }
  },
  linear: {
    BTCUSDT: {
      priceDecimals: 2,
      tickUnits: 10,
      startUnits: 10937890,
      sizeDecimals: 3,
      lotUnits: 1,
      minLots: 1,
      maxLots: 2000
    },
    ETHUSDT: {
      priceDecimals: 2,
      tickUnits: 1,
      startUnits: 389010,
      sizeDecimals: 2,
      lotUnits: 1,
      minLots: 1,
      maxLots: 5000
    },
    SOLUSDT: {
      priceDecimals: 3,
      tickUnits: 10,
      startUnits: 185230,
      sizeDecimals: 1,
      lotUnits: 1,
      minLots: 1,
      maxLots: 20000
    },
    XRPUSDT: {
      priceDecimals: 4,
      tickUnits: 1,
      startUnits: 24567,
      sizeDecimals: 0,
      lotUnits: 1,
      minLots: 1,
      maxLots: 100000
    },
    LTCUSDT: {
      priceDecimals: 2,
      tickUnits: 1,
      startUnits: 9453,
      sizeDecimals: 1,
      lotUnits: 1,
      minLots: 1,
      maxLots: 5000
    }
  },
  inverse: {
    // Inverse sizes are whole contracts (1 USD each): sizeDecimals 0.
    BTCUSD: {
      priceDecimals: 2,
      tickUnits: 50,
      startUnits: 2856050,
      sizeDecimals: 0,
      lotUnits: 1,
      minLots: 1,
      maxLots: 20000
    },
    ETHUSD: {
      priceDecimals: 2,
      tickUnits: 5,
      startUnits: 389010,
      sizeDecimals: 0,
      lotUnits: 1,
      minLots: 1,
      maxLots: 10000
    }
  }
}

/** The hand-made grid of a major symbol, if it has one. */
export function knownInstrument(category: SimCategory, symbol: string): Instrument | undefined {
  return KNOWN[category][symbol]
}

/** A listed symbol's grid; unknown names get a plain grid priced from their name so they differ. */
export function instrumentFor(category: SimCategory, symbol: string): Instrument {
  const known = KNOWN[category][symbol]
  if (known) return known
  let h = 0
  for (let i = 0; i < symbol.length; i++) h = (h * 31 + symbol.charCodeAt(i)) % 9000
  const startUnits = (1000 + h) * 100
  return category === 'inverse'
    ? { priceDecimals: 2, tickUnits: 5, startUnits, sizeDecimals: 0, lotUnits: 1, minLots: 1, maxLots: 5000 }
    : { priceDecimals: 2, tickUnits: 1, startUnits, sizeDecimals: 3, lotUnits: 1, minLots: 1, maxLots: 50000 }
}

/**
 * Integer units → decimal string. Spot prints the shortest form ("114513.1", "43774", "0.0018");
 * derivatives print every decimal of the grid ("109378.90", "0.020"), as the real captures do.
 */
export function formatUnits(units: number, decimals: number, trimZeros: boolean): string {
  if (!Number.isSafeInteger(units) || units < 0) throw new RangeError(`units must be a safe non-negative integer`)
  if (decimals === 0) return String(units)
  const digits = String(units).padStart(decimals + 1, '0')
  const whole = digits.slice(0, digits.length - decimals)
  let frac = digits.slice(digits.length - decimals)
  if (trimZeros) frac = frac.replace(/0+$/, '')
  return frac.length > 0 ? `${whole}.${frac}` : whole
}
