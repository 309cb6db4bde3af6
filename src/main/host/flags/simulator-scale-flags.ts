// The simulator's market-scale flags: board size, total Zipf rate, bursts, the status filter and the
// connection budget. Spread into FLAGS (flag-table.ts); the simulator command lists them (commands.ts).

import { CATEGORIES, type Category } from '../../../shared/dto'
import { fail, ok, type Parsed } from '../../../shared/validate'
import { switchFlag, valueFlag } from './flag-spec'
import { integerIn, numberIn } from './flag-values'

const MAX_INSTRUMENTS = 5000

/** `N` (every category) or `linear:700,spot:600` (the categories named). */
export function parseInstrumentCounts(raw: string): Parsed<Partial<Record<Category, number>>> {
  const count = integerIn(1, MAX_INSTRUMENTS, 'instrument count')
  if (!raw.includes(':')) {
    const n = count(raw)
    return n.ok ? ok(Object.fromEntries(CATEGORIES.map((c) => [c, n.value]))) : n
  }
  const out: Partial<Record<Category, number>> = {}
  for (const part of raw.split(',')) {
    const [category, value = ''] = part.split(':').map((s) => s.trim())
    if (!(CATEGORIES as readonly string[]).includes(category)) {
      return fail(`unknown category ${JSON.stringify(category.slice(0, 20))} (${CATEGORIES.join(', ')})`)
    }
    const n = count(value)
    if (!n.ok) return n
    out[category as Category] = n.value
  }
  return ok(out)
}

export const SIMULATOR_SCALE_FLAGS = {
  simInstruments: valueFlag({
    name: 'instruments',
    valueName: 'N|C:N,…',
    help: 'Trading instruments listed per category on a generated board (categories without --*-symbols)',
    parse: parseInstrumentCounts,
    default: undefined,
    defaultHelp: 'spot 600, linear 520, inverse 30'
  }),
  simTotalRate: valueFlag({
    name: 'total-rate',
    valueName: 'N',
    help: 'trades per second shared by all subscribed symbols, Zipf-skewed by rank (replaces --rate)',
    parse: numberIn(0, 1_000_000, 'total rate'),
    default: undefined
  }),
  simZipf: valueFlag({
    name: 'zipf',
    valueName: 'S',
    help: 'Zipf exponent of --total-rate and bursts: rank k trades 1/k^S as often as rank 1',
    parse: numberIn(0, 5, 'zipf exponent'),
    default: 1
  }),
  simBurstEvery: valueFlag({
    name: 'burst-every',
    valueName: 'S',
    help: 'a burst (liquidation cascade) every S seconds; POST /sim/burst starts one at any time',
    parse: integerIn(1, 86_400, 'burst interval'),
    default: undefined,
    defaultHelp: 'none'
  }),
  simBurstSeconds: valueFlag({
    name: 'burst-seconds',
    valueName: 'S',
    help: 'how long a burst lasts',
    parse: numberIn(0.1, 600, 'burst duration'),
    default: 3
  }),
  simBurstRate: valueFlag({
    name: 'burst-rate',
    valueName: 'N',
    help: 'trades per second during a burst, shared by all subscribed symbols',
    parse: numberIn(1, 1_000_000, 'burst rate'),
    default: 50_000
  }),
  simAllStatuses: switchFlag({
    name: 'list-all-statuses',
    help: 'instruments-info without status= answers every status, not only Trading'
  }),
  simConnectionBudget: valueFlag({
    name: 'connection-budget',
    valueName: 'N',
    help: "new WebSocket connections per IP per 5 minutes (Bybit's 500); more are refused with HTTP 429",
    parse: integerIn(1, 1_000_000, 'connection budget'),
    default: 500
  })
}
