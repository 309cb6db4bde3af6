import type { Category } from './dto'
import { categoriesOf } from './markets'

/** What a user can set: the same names as the CLI flags (`--max-trades-per-symbol` → maxTradesPerSymbol). */
export interface Settings {
  /** One category (`spot`) or a comma list (`spot,linear,inverse`); canonical: each once, in the order given. */
  category: string
  /** Symbols in every selected category (`BTCUSDT`), in one (`linear:BTCUSDT`), or `ALL` alone (every listed symbol). */
  symbols: string[]
  /** null: Bybit's public stream for the category (mainnet or testnet). */
  wsUrl: string | null
  /** null: Bybit's REST API (mainnet or testnet). */
  restUrl: string | null
  testnet: boolean
  /** The exchange connections' proxy: '' the environment's (HTTPS_PROXY, NO_PROXY…), `none`, or `http://[user:pass@]host:port`. */
  proxy: string
  mirror: { enabled: boolean; host: string; port: number }
  maxTradesPerSymbol: number
  /** The hot tier's memory budget for held trades, all symbols together, in MB (2^20 bytes). */
  memoryBudgetMb: number
  /** Record raw frames as NDJSON to this file (replayable by the simulator); null: off. */
  recordFile: string | null
  notifications: { enabled: boolean; downThresholdS: number }
  /** The desktop app only (headless ignores them): quit when the window closes instead of staying in the tray; start at login. */
  desktop: { quitOnClose: boolean; launchAtLogin: boolean }
  /**
   * The durable tier (a DuckDB file in the data dir): every stored trade also written to disk, kept
   * for `retentionDays` and at most `retentionGb`. Headless: `--no-persist`, `--retention-days`,
   * `--retention-gb`. Turning it on or off applies live.
   */
  persist: PersistSettings
  /** Record raw frames into the data dir's `recordings/` folder (one NDJSON file per run); `recordFile` wins when set. */
  recordFrames: boolean
  /** Forwarding every stored trade to NATS JetStream (`--publish` and companions win); `urls` empty: off. Applies live. */
  publish: PublishSettings
}

export interface PublishSettings {
  /** nats://HOST:PORT or tls://HOST:PORT, one or more (a cluster's seeds); empty: forwarding off. */
  urls: string[]
  stream: string
  /** Never create the stream: report it missing instead. */
  noCreate: boolean
  credsFile: string | null
  tlsCaFile: string | null
}

export interface PersistSettings {
  enabled: boolean
  retentionDays: number
  retentionGb: number
}

export const DEFAULT_SETTINGS: Settings = {
  category: 'spot',
  symbols: ['BTCUSDT'],
  wsUrl: null,
  restUrl: null,
  testnet: false,
  proxy: '',
  mirror: { enabled: true, host: '127.0.0.1', port: 8000 },
  maxTradesPerSymbol: 100_000,
  memoryBudgetMb: 512,
  recordFile: null,
  notifications: { enabled: true, downThresholdS: 30 },
  desktop: { quitOnClose: false, launchAtLogin: false },
  persist: { enabled: true, retentionDays: 30, retentionGb: 5 },
  recordFrames: false,
  publish: { urls: [], stream: 'TRADES', noCreate: false, credsFile: null, tlsCaFile: null }
}

export const SETTINGS_LIMITS = {
  maxSymbols: 50,
  minTradesPerSymbol: 100,
  maxTradesPerSymbol: 2_000_000,
  minMemoryBudgetMb: 16,
  maxMemoryBudgetMb: 65_536,
  minPort: 1024,
  maxPort: 65535,
  minDownThresholdS: 5,
  maxDownThresholdS: 3600,
  minRetentionDays: 1,
  maxRetentionDays: 3650,
  minRetentionGb: 0.1,
  maxRetentionGb: 10_000
} as const

/** A partial change from the settings screen or `POST /settings`. */
export type SettingsPatch = Partial<Omit<Settings, 'mirror' | 'notifications' | 'desktop' | 'persist' | 'publish'>> & {
  persist?: Partial<PersistSettings>
  publish?: Partial<PublishSettings>
  mirror?: Partial<Settings['mirror']>
  notifications?: Partial<Settings['notifications']>
  desktop?: Partial<Settings['desktop']>
}

const BYBIT_WS: Record<'mainnet' | 'testnet', string> = {
  mainnet: 'wss://stream.bybit.com/v5/public/',
  testnet: 'wss://stream-testnet.bybit.com/v5/public/'
}
const BYBIT_REST: Record<'mainnet' | 'testnet', string> = {
  mainnet: 'https://api.bybit.com',
  testnet: 'https://api-testnet.bybit.com'
}

export function defaultWsUrl(category: Category, testnet: boolean): string {
  return BYBIT_WS[testnet ? 'testnet' : 'mainnet'] + category
}

export function defaultRestUrl(testnet: boolean): string {
  return BYBIT_REST[testnet ? 'testnet' : 'mainnet']
}

/** The first selected category: the one a single-category view (a URL, a hint) speaks of. */
export function primaryCategory(s: Pick<Settings, 'category'>): Category {
  return categoriesOf(s.category)[0] ?? 'spot'
}

/**
 * The WebSocket URL of one category: Bybit's for it, or the configured URL with its last path
 * segment swapped for the category when that segment names one (`…/v5/public/spot` → `…/linear`).
 */
export function wsUrlFor(s: Pick<Settings, 'wsUrl' | 'testnet'>, category: Category): string {
  if (s.wsUrl === null) return defaultWsUrl(category, s.testnet)
  return s.wsUrl.replace(/\/(spot|linear|inverse)(\/?)$/, `/${category}$2`)
}

export function effectiveWsUrl(s: Settings): string {
  return s.wsUrl ?? defaultWsUrl(primaryCategory(s), s.testnet)
}

export function effectiveRestUrl(s: Settings): string {
  return s.restUrl ?? defaultRestUrl(s.testnet)
}
