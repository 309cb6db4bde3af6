// The one table of command-line flags: serve, demo, doctor, simulator and bench each accept a subset
// (commands.ts), and the desktop app reads the same environment variables through it. Help text,
// environment names, parsing and defaults live here only.

import { CATEGORIES } from '../../../shared/dto'
import { DEFAULT_SETTINGS, SETTINGS_LIMITS } from '../../../shared/settings'
import {
  parseCategory,
  parseEndpointUrl,
  parseProxySetting,
  parseSymbols,
  fail,
  ok,
  type Parsed
} from '../../../shared/validate'
import { LOG_LEVEL_NAMES, type LogLevelName } from '../../core/log/engine-log'
import { switchFlag, valueFlag, type FlagSpec } from './flag-spec'
import { integerIn, listOf, nonEmpty, numberIn, oneOf, positiveInteger } from './flag-values'
import { PERSIST_FLAGS } from './persist-flags'

export const BENCH_PARTS = ['ingest', 'memory', 'live', 'ui', 'persist'] as const
export type BenchPart = (typeof BENCH_PARTS)[number]

const MIRROR_HOSTS = ['127.0.0.1', 'localhost']
const SIM_HOSTS = ['127.0.0.1', '::1', 'localhost'] as const
const MAX_SAFE = Number.MAX_SAFE_INTEGER

function doctorUrl(raw: string): Parsed<string> {
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    return fail(`not a URL: ${JSON.stringify(raw.slice(0, 100))}`)
  }
  return u.protocol === 'http:' ? ok(raw.replace(/\/+$/, '')) : fail('the mirror speaks http:// on loopback')
}

export const FLAGS = {
  // The engine and its mirror: serve, demo, doctor and the desktop's environment.
  host: valueFlag<string, string>({
    name: 'host',
    env: 'MDM_HOST',
    valueName: 'HOST',
    help: 'mirror address, loopback only',
    // The mirror binds the literal 127.0.0.1 only; localhost names the same address.
    parse: (raw) => (MIRROR_HOSTS.includes(raw) ? ok(raw) : fail('must be a loopback address: 127.0.0.1 or localhost')),
    default: DEFAULT_SETTINGS.mirror.host
  }),
  port: valueFlag({
    name: 'port',
    env: 'MDM_PORT',
    valueName: 'N',
    help: 'mirror port',
    parse: integerIn(SETTINGS_LIMITS.minPort, SETTINGS_LIMITS.maxPort, 'port'),
    default: DEFAULT_SETTINGS.mirror.port
  }),
  noMirror: switchFlag({ name: 'no-mirror', env: 'MDM_NO_MIRROR', help: 'no HTTP API and no UI: opens no port' }),
  category: valueFlag({
    name: 'category',
    env: 'MDM_CATEGORY',
    valueName: 'C',
    help: 'spot, linear or inverse',
    parse: parseCategory,
    default: DEFAULT_SETTINGS.category
  }),
  symbols: valueFlag({
    name: 'symbols',
    env: 'MDM_SYMBOLS',
    valueName: 'A,B',
    help: 'symbols to collect, comma-separated',
    parse: parseSymbols,
    default: DEFAULT_SETTINGS.symbols
  }),
  wsUrl: valueFlag({
    name: 'ws-url',
    env: 'MDM_WS_URL',
    valueName: 'URL',
    help: 'WebSocket URL; ws:// only on loopback',
    parse: (raw) => parseEndpointUrl(raw, 'ws'),
    default: undefined,
    defaultHelp: "Bybit's public stream for the category"
  }),
  restUrl: valueFlag({
    name: 'rest-url',
    env: 'MDM_REST_URL',
    valueName: 'URL',
    help: 'REST base for gap backfill; http:// only on loopback',
    parse: (raw) => parseEndpointUrl(raw, 'rest'),
    default: undefined,
    defaultHelp: "Bybit's API"
  }),
  testnet: switchFlag({ name: 'testnet', env: 'MDM_TESTNET', help: "Bybit's testnet endpoints" }),
  maxTradesPerSymbol: valueFlag({
    name: 'max-trades-per-symbol',
    env: 'MDM_MAX_TRADES_PER_SYMBOL',
    valueName: 'N',
    help: 'storage ring size per symbol',
    parse: integerIn(SETTINGS_LIMITS.minTradesPerSymbol, SETTINGS_LIMITS.maxTradesPerSymbol),
    default: DEFAULT_SETTINGS.maxTradesPerSymbol
  }),
  record: valueFlag({
    name: 'record',
    env: 'MDM_RECORD',
    valueName: 'FILE',
    help: 'append every raw frame to FILE as NDJSON, replayable by the simulator',
    parse: nonEmpty('a file path'),
    default: undefined
  }),
  logLevel: valueFlag({
    name: 'log-level',
    env: 'MDM_LOG_LEVEL',
    valueName: 'LEVEL',
    help: `lowest level printed: ${LOG_LEVEL_NAMES.join(', ')}`,
    parse: oneOf(LOG_LEVEL_NAMES, 'log level'),
    default: 'info' as LogLevelName
  }),
  proxy: valueFlag<string, undefined>({
    name: 'proxy',
    env: 'MDM_PROXY',
    valueName: 'URL',
    help: 'HTTP CONNECT proxy for the exchange connections, http://[user:pass@]host:port; none: direct',
    parse: (raw) => (raw.trim() === '' ? fail('give a proxy URL or none') : parseProxySetting(raw)),
    default: undefined,
    defaultHelp: 'HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment'
  }),
  uiBuild: valueFlag({
    name: 'ui-build',
    env: 'MDM_UI_BUILD',
    valueName: 'MODE',
    help: 'auto: build the browser UI on first start when it is missing; off: never (serve the API only)',
    parse: oneOf(['auto', 'off'] as const, 'ui build'),
    default: 'auto' as 'auto' | 'off'
  }),
  userDataDir: valueFlag({
    name: 'user-data-dir',
    env: 'MDM_USER_DATA_DIR',
    valueName: 'DIR',
    help: "the desktop app's settings folder (also scopes its single-instance lock)",
    parse: nonEmpty('a folder path'),
    default: undefined,
    defaultHelp: "the platform's user-data folder"
  }),
  // demo
  simPort: valueFlag({
    name: 'sim-port',
    valueName: 'N',
    help: 'simulator port',
    parse: integerIn(1024, 65535, 'port'),
    default: undefined,
    defaultHelp: '9100, or a free one if it is busy'
  }),
  demoRate: valueFlag({
    name: 'rate',
    valueName: 'N',
    help: 'simulated trades per second per symbol',
    parse: integerIn(0, 10_000, 'rate'),
    default: 5
  }),
  // doctor
  url: valueFlag({
    name: 'url',
    valueName: 'URL',
    help: 'ask a running mirror (e.g. http://127.0.0.1:8000) instead of starting an engine',
    parse: doctorUrl,
    default: undefined
  }),
  timeout: valueFlag<number, number>({
    name: 'timeout',
    valueName: 'S',
    help: 'wait at most S seconds for the checklist to settle',
    parse: (raw) => {
      const s = raw.trim() === '' ? NaN : Number(raw)
      return Number.isFinite(s) && s > 0 && s <= 600 ? ok(s) : fail('seconds between 0 and 600')
    },
    default: 15
  }),
  token: valueFlag({
    name: 'token',
    env: 'MDM_TOKEN',
    valueName: 'TOKEN',
    help: 'with --url: the mirror token, to run the network diagnostics there',
    parse: nonEmpty('the token printed by serve'),
    default: undefined
  }),
  // simulator
  simHost: valueFlag({
    name: 'host',
    valueName: 'HOST',
    help: 'loopback address to listen on',
    parse: oneOf(SIM_HOSTS, 'host'),
    default: '127.0.0.1'
  }),
  simListenPort: valueFlag({
    name: 'port',
    valueName: 'N',
    help: 'port (0 picks a free one)',
    parse: integerIn(0, 65535, 'port'),
    default: 9100
  }),
  simRate: valueFlag({
    name: 'rate',
    valueName: 'N',
    help: 'trades per second per subscribed symbol',
    parse: numberIn(0, 1_000_000, 'rate'),
    default: undefined,
    defaultHelp: '5; 0 with --replay'
  }),
  simSymbols: valueFlag({
    name: 'symbols',
    valueName: 'A,B',
    help: 'listed symbols of every category',
    parse: parseSymbols,
    default: undefined
  }),
  spotSymbols: valueFlag({
    name: 'spot-symbols',
    valueName: 'A,B',
    help: 'listed spot symbols',
    parse: parseSymbols,
    default: undefined,
    defaultHelp: 'BTCUSDT,ETHUSDT,SOLUSDT,XRPUSDT'
  }),
  linearSymbols: valueFlag({
    name: 'linear-symbols',
    valueName: 'A,B',
    help: 'listed linear symbols',
    parse: parseSymbols,
    default: undefined,
    defaultHelp: 'BTCUSDT,ETHUSDT,SOLUSDT,XRPUSDT'
  }),
  inverseSymbols: valueFlag({
    name: 'inverse-symbols',
    valueName: 'A,B',
    help: 'listed inverse symbols; other symbols are refused the way Bybit does',
    parse: parseSymbols,
    default: undefined,
    defaultHelp: 'BTCUSD,ETHUSD'
  }),
  replay: valueFlag({
    name: 'replay',
    valueName: 'FILE',
    help: 'replay NDJSON raw frames (a --record file or a capture); starts when a client subscribes to one of its topics',
    parse: nonEmpty('a file path'),
    default: undefined
  }),
  replaySpeed: valueFlag({
    name: 'replay-speed',
    valueName: 'X',
    help: '1 recorded timing, 10 ten times faster, 0 as fast as possible',
    parse: numberIn(0, 1_000_000, 'replay speed'),
    default: 1
  }),
  replayLoop: switchFlag({ name: 'replay-loop', help: 'start the file again at its end' }),
  replayCategory: valueFlag({
    name: 'replay-category',
    valueName: 'C',
    help: "push every replayed frame on this category's endpoint",
    parse: oneOf(CATEGORIES, 'category'),
    default: undefined,
    defaultHelp: 'inferred per frame'
  }),
  simSeed: valueFlag({
    name: 'seed',
    valueName: 'N',
    help: 'deterministic prices, sizes and ids',
    parse: integerIn(0, MAX_SAFE, 'seed'),
    default: undefined
  }),
  // bench
  quick: switchFlag({ name: 'quick', help: 'every part at a small size (well under a minute; what CI runs)' }),
  trades: valueFlag({
    name: 'trades',
    valueName: 'N',
    help: 'trades in the ingest feed',
    parse: positiveInteger,
    default: 1_000_000,
    defaultHelp: '1000000; quick 30000'
  }),
  memoryTrades: valueFlag({
    name: 'memory-trades',
    valueName: 'N',
    help: 'trades streamed through the engine for the memory part',
    parse: positiveInteger,
    default: 2_000_000,
    defaultHelp: '2000000; quick 20000'
  }),
  sampleEvery: valueFlag({
    name: 'sample-every',
    valueName: 'N',
    help: 'memory sample (forced GC) every N trades',
    parse: positiveInteger,
    default: 250_000,
    defaultHelp: '250000; quick 5000'
  }),
  benchMaxTrades: valueFlag({
    name: 'max-trades-per-symbol',
    valueName: 'N',
    help: 'the storage cap per symbol (quick: small, so the cap is reached)',
    parse: positiveInteger,
    default: 100_000,
    defaultHelp: '100000; quick 1000'
  }),
  repeats: valueFlag({
    name: 'repeats',
    valueName: 'N',
    help: 'runs per ingest client, median reported',
    parse: positiveInteger,
    default: 3,
    defaultHelp: '3; quick 1'
  }),
  ccxtRepeats: valueFlag({
    name: 'ccxt-repeats',
    valueName: 'N',
    help: 'runs for ccxt, which is ~25x slower',
    parse: positiveInteger,
    default: 1
  }),
  liveSeconds: valueFlag({
    name: 'live-seconds',
    valueName: 'S',
    help: 'measured seconds per live rate run',
    parse: positiveInteger,
    default: 10,
    defaultHelp: '10; quick 2'
  }),
  uiSeconds: valueFlag({
    name: 'ui-seconds',
    valueName: 'S',
    help: 'measured seconds per UI run',
    parse: positiveInteger,
    default: 8,
    defaultHelp: '8; quick 2'
  }),
  benchSeed: valueFlag({
    name: 'seed',
    valueName: 'N',
    help: 'feed and simulator seed',
    parse: positiveInteger,
    default: 7
  }),
  only: valueFlag({
    name: 'only',
    valueName: 'LIST',
    help: `parts to run: ${BENCH_PARTS.join(',')}`,
    parse: listOf(BENCH_PARTS, 'part'),
    default: undefined,
    defaultHelp: 'all'
  }),
  skip: valueFlag({
    name: 'skip',
    valueName: 'LIST',
    help: 'parts to leave out',
    parse: listOf(BENCH_PARTS, 'part'),
    default: undefined
  }),
  out: valueFlag({
    name: 'out',
    valueName: 'FILE',
    help: 'where to write the JSON',
    parse: nonEmpty('a path'),
    default: 'bench/results.json'
  }),
  chromium: valueFlag({
    name: 'chromium',
    env: 'CHROMIUM_PATH',
    valueName: 'PATH',
    help: 'Chromium for the UI part',
    parse: nonEmpty('a path'),
    default: '/usr/bin/chromium'
  }),
  cpuProf: valueFlag({
    name: 'cpu-prof',
    valueName: 'DIR',
    help: 'also profile our engine (node --cpu-prof) in one extra ingest run and print its hottest functions',
    parse: nonEmpty('a path'),
    default: undefined
  }),
  verbose: switchFlag({ name: 'verbose', help: "show the children's output" }),
  ...PERSIST_FLAGS
} as const satisfies Record<string, FlagSpec>

export type FlagId = keyof typeof FLAGS
export type FlagValue<K extends FlagId> = (typeof FLAGS)[K] extends FlagSpec<infer T, infer D> ? T | D : never
