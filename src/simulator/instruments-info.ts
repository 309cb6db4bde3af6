// REST `GET /v5/market/instruments-info` in Bybit's shape. Derivatives page through the board by
// symbol name with `limit` ([1,1000], default 500) and `cursor`/`nextPageCursor`; spot does not
// paginate (Bybit ignores limit and cursor there) and answers every pair at once. Without `status`
// only Trading instruments come back, as on Bybit; `unfilteredListing` returns every status instead.
import type { Catalog, InstrumentStatus, Listing } from './catalog'
import { INSTRUMENT_STATUSES } from './catalog'
import { formatUnits } from './instruments'
import { SIM_CATEGORIES, type SimCategory } from './types'
import { INSTRUMENTS_PAGE_LIMIT } from '../shared/bybit-protocol'

const INSTRUMENTS_PAGE_DEFAULT = INSTRUMENTS_PAGE_LIMIT.default
const INSTRUMENTS_PAGE_MAX = INSTRUMENTS_PAGE_LIMIT.max

const CURSOR_RE = /^first=([A-Z0-9-]+)&last=([A-Z0-9-]+)$/

export interface InstrumentsHost {
  catalog: Catalog
  /** extra: no `status` means every status (to test that a client filters by itself). */
  unfilteredListing: boolean
}

type Answer = { ok: true; result: Record<string, unknown> } | { ok: false; retMsg: string }

/** The `result` of one instruments-info request, or the retMsg of its parameter error. */
export function instrumentsInfo(params: URLSearchParams, host: InstrumentsHost): Answer {
  const category = params.get('category') ?? ''
  if (!(SIM_CATEGORIES as readonly string[]).includes(category)) return { ok: false, retMsg: 'Illegal category' }
  const cat = category as SimCategory
  const status = params.get('status') ?? ''
  if (status !== '' && !(INSTRUMENT_STATUSES as readonly string[]).includes(status)) {
    return { ok: false, retMsg: 'params error: status invalid' }
  }
  const symbol = params.get('symbol') ?? ''
  const baseCoin = cat === 'spot' ? '' : (params.get('baseCoin') ?? '')
  const keep = (l: Listing): boolean =>
    (status !== '' ? l.status === status : host.unfilteredListing || l.status === 'Trading') &&
    (symbol === '' || l.symbol === symbol) &&
    (baseCoin === '' || l.baseCoin === baseCoin)
  const all = host.catalog.sorted(cat)
  if (cat === 'spot') return { ok: true, result: { category: cat, list: all.filter(keep).map(spotItem) } }

  const rawLimit = params.get('limit')
  let limit: number = INSTRUMENTS_PAGE_DEFAULT
  if (rawLimit !== null && rawLimit !== '') {
    if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1) {
      return { ok: false, retMsg: `params error: limit must be an integer in [1,${INSTRUMENTS_PAGE_MAX}]` }
    }
    limit = Math.min(INSTRUMENTS_PAGE_MAX, Number(rawLimit))
  }
  const after = cursorAfter(params.get('cursor') ?? '')
  if (after === null) return { ok: false, retMsg: 'params error: cursor invalid' }
  const page: Listing[] = []
  for (const l of all) {
    if (page.length >= limit) break
    if (after !== undefined && l.symbol <= after) continue
    if (keep(l)) page.push(l)
  }
  // Like Bybit, a page names its first and last symbol, the last page included: a client stops at
  // an empty cursor or an empty page. A one-symbol query carries none.
  const nextPageCursor =
    page.length === 0 || symbol !== '' ? '' : `first%3D${page[0].symbol}%26last%3D${page[page.length - 1].symbol}`
  return { ok: true, result: { category: cat, list: page.map((l) => derivativeItem(cat, l)), nextPageCursor } }
}

/** undefined: from the start; null: not a cursor this endpoint gave out. */
function cursorAfter(raw: string): string | undefined | null {
  if (raw === '') return undefined
  let text = raw
  // Accept the cursor as sent back verbatim, once decoded (by the query parser) or twice.
  for (let k = 0; k < 2 && text.includes('%'); k++) {
    try {
      text = decodeURIComponent(text)
    } catch {
      return null
    }
  }
  const m = CURSOR_RE.exec(text)
  return m ? m[2] : null
}

function units(n: number, decimals: number): string {
  return formatUnits(n, decimals, false)
}

function derivativeItem(category: SimCategory, l: Listing): Record<string, unknown> {
  const g = l.instrument
  const tick = units(g.tickUnits, g.priceDecimals)
  const step = units(g.lotUnits, g.sizeDecimals)
  const maxQty = units(g.lotUnits * g.maxLots * 5, g.sizeDecimals)
  const preListing = l.status === 'PreLaunch'
  const top = g.startUnits * 20
  return {
    symbol: l.symbol,
    symbolId: l.rank + 1,
    contractType: category === 'inverse' ? (l.future ? 'InverseFutures' : 'InversePerpetual') : 'LinearPerpetual',
    status: l.status,
    baseCoin: l.baseCoin,
    quoteCoin: l.quoteCoin,
    launchTime: String(l.launchTime),
    deliveryTime: String(l.deliveryTime),
    deliveryFeeRate: l.future ? '0.0005' : '',
    priceScale: String(g.priceDecimals),
    leverageFilter: { minLeverage: '1', maxLeverage: l.rank < 10 ? '100.00' : '25.00', leverageStep: '0.01' },
    priceFilter: { minPrice: tick, maxPrice: units(top - (top % g.tickUnits), g.priceDecimals), tickSize: tick },
    lotSizeFilter: {
      maxOrderQty: maxQty,
      minOrderQty: units(g.lotUnits * g.minLots, g.sizeDecimals),
      qtyStep: step,
      postOnlyMaxOrderQty: maxQty,
      maxMktOrderQty: units(g.lotUnits * g.maxLots, g.sizeDecimals),
      minNotionalValue: category === 'inverse' ? '1' : '5'
    },
    unifiedMarginTrade: true,
    fundingInterval: l.future ? 0 : 480,
    settleCoin: category === 'inverse' ? l.baseCoin : l.quoteCoin,
    copyTrading: category === 'linear' && l.rank < 200 ? 'both' : 'none',
    upperFundingRate: l.future ? '' : '0.005',
    lowerFundingRate: l.future ? '' : '-0.005',
    isPreListing: preListing,
    preListingInfo: preListing ? preListingInfo(l) : null,
    riskParameters: { priceLimitRatioX: '0.01', priceLimitRatioY: '0.02' },
    symbolType: ''
  }
}

function preListingInfo(l: Listing): Record<string, unknown> {
  const start = l.launchTime
  const phase = (name: string, from: number, to: number | ''): Record<string, string> => ({
    phase: name,
    startTime: String(from),
    endTime: to === '' ? '' : String(to)
  })
  return {
    curAuctionPhase: 'CallAuction',
    phases: [
      phase('CallAuction', start, start + 3_000_000),
      phase('CallAuctionNoCancel', start + 3_000_000, start + 3_300_000),
      phase('CrossMatching', start + 3_300_000, start + 3_600_000),
      phase('ContinuousTrading', start + 3_600_000, '')
    ],
    auctionFeeInfo: { auctionFeeRate: '0', takerFeeRate: '0.001', makerFeeRate: '0.0004' }
  }
}

function spotItem(l: Listing): Record<string, unknown> {
  const g = l.instrument
  const maxQty = units(g.lotUnits * g.maxLots * 5, g.sizeDecimals)
  return {
    symbolId: l.rank + 1,
    symbol: l.symbol,
    baseCoin: l.baseCoin,
    quoteCoin: l.quoteCoin,
    innovation: '0',
    status: l.status satisfies InstrumentStatus,
    marginTrading: l.rank < 100 ? 'utaOnly' : 'none',
    stTag: '0',
    lotSizeFilter: {
      basePrecision: units(g.lotUnits, g.sizeDecimals),
      quotePrecision: '0.00000001',
      minOrderQty: units(g.lotUnits * g.minLots, g.sizeDecimals),
      maxOrderQty: maxQty,
      minOrderAmt: '5',
      maxOrderAmt: '8000000',
      maxLimitOrderQty: maxQty,
      maxMarketOrderQty: units(g.lotUnits * g.maxLots, g.sizeDecimals),
      postOnlyMaxLimitOrderSize: '60000'
    },
    priceFilter: { tickSize: units(g.tickUnits, g.priceDecimals) },
    riskParameters: { priceLimitRatioX: '0.005', priceLimitRatioY: '0.01' },
    symbolType: ''
  }
}
