// Which flags each entry point accepts, and what its --help says about itself.

import type { FlagId } from './flag-table'

export interface CommandSpec {
  /** How the user runs it, for --help. */
  readonly usage: string
  /** One paragraph under the usage line. */
  readonly about: string
  readonly flags: readonly FlagId[]
  /** Flags of other commands this one refuses with a reason rather than as unknown. */
  readonly refuses?: Readonly<Record<string, string>>
}

/** The engine's flags: what the desktop's `MDM_*` environment may set too. */
const ENGINE_FLAGS = [
  'port',
  'noMirror',
  'category',
  'symbols',
  'wsUrl',
  'restUrl',
  'testnet',
  'maxTradesPerSymbol',
  'record',
  'proxy',
  'logLevel'
] as const satisfies readonly FlagId[]

/** Forwarding to NATS JetStream: serve and demo. */
const PUBLISH_FLAGS = [
  'publish',
  'publishCreds',
  'publishTlsCa',
  'publishStream',
  'publishNoCreate',
  'publishMaxAgeHours',
  'publishMaxGb',
  'publishInFlight'
] as const satisfies readonly FlagId[]

/** The data dir and the durable tier in it: serve and demo (the desktop app uses its user-data folder). */
const PERSIST_FLAGS = ['dataDir', 'noPersist', 'retentionDays', 'retentionGb'] as const satisfies readonly FlagId[]

const SERVE_FLAGS = [
  'host',
  ...ENGINE_FLAGS,
  'uiBuild',
  ...PERSIST_FLAGS,
  ...PUBLISH_FLAGS
] as const satisfies readonly FlagId[]

const DEMO_REFUSAL = 'does not apply to the demo: it always collects from its own simulator'

export const COMMANDS = {
  serve: {
    usage: 'npm run serve -- [flags]',
    about: 'The engine headless: the REST mirror and the UI at http://127.0.0.1:8000/, log lines on stdout.',
    flags: SERVE_FLAGS
  },
  demo: {
    usage: 'npm run demo -- [flags]',
    about: 'The simulator, the engine and the UI in one command, offline.',
    flags: [
      'host',
      'port',
      'noMirror',
      'category',
      'symbols',
      'maxTradesPerSymbol',
      'record',
      'logLevel',
      'uiBuild',
      'simPort',
      'demoRate',
      ...PUBLISH_FLAGS,
      ...PERSIST_FLAGS
    ],
    refuses: { 'ws-url': DEMO_REFUSAL, 'rest-url': DEMO_REFUSAL, testnet: DEMO_REFUSAL, proxy: DEMO_REFUSAL }
  },
  doctor: {
    usage: 'npm run doctor -- [flags]',
    about:
      'Runs the engine briefly with the same flags as serve (or queries a running mirror with --url), prints the ' +
      'debugging checklist and the network diagnostics. Exit 0: all pass; 1: something does not; 2: bad flags.',
    flags: ['host', ...ENGINE_FLAGS, 'url', 'timeout', 'token']
  },
  simulator: {
    usage: 'npm run simulator -- [flags]',
    about:
      'Local Bybit V5 simulator: ws://HOST:PORT/v5/public/{spot,linear,inverse} and GET ' +
      'http://HOST:PORT/v5/market/recent-trade. Symbols trade from their first subscription on.',
    flags: [
      'simHost',
      'simListenPort',
      'simRate',
      'simSymbols',
      'spotSymbols',
      'linearSymbols',
      'inverseSymbols',
      'replay',
      'replaySpeed',
      'replayLoop',
      'replayCategory',
      'simSeed'
    ]
  },
  bench: {
    usage: 'npm run bench -- [flags]',
    about:
      'Measures, on loopback, our engine side by side with ccxt.pro and a JSON.parse-only ceiling, then memory, ' +
      'event-loop delay, exchange→stored latency and the browser UI. Prints a table, then one JSON line, and writes ' +
      'the JSON to bench/results.json (or --out). Budgets (2-core machine): ours ≥ 10× ccxt and ≥ 0.4× ' +
      'JSON.parse; heap growth ≤ 5 MB between the 1st and 2nd million; event-loop p99 ≤ 20 ms and exchange→stored ' +
      'p99 ≤ 25 ms at 20,000 trades/s; persisting: ingest ≥ 0.4× JSON.parse, write-queue lag p99 ≤ 1000 ms at ' +
      '20,000 trades/s, ≤ 24 bytes per trade on disk; UI frame p95 ≤ 16.7 ms at 2,000 trades/s and max ≤ 50 ms at 10,000 ' +
      'trades/s. Exit 0 when the bench ran (budgets are reported, not enforced), 1 on an error, 2 on bad flags.',
    flags: [
      'quick',
      'trades',
      'memoryTrades',
      'sampleEvery',
      'benchMaxTrades',
      'repeats',
      'ccxtRepeats',
      'liveSeconds',
      'uiSeconds',
      'benchSeed',
      'only',
      'skip',
      'out',
      'chromium',
      'cpuProf',
      'verbose'
    ]
  },
  tail: {
    usage: "npm run tail -- --publish nats://HOST:PORT [--subject 'trades.bybit.>'] [--from-start]",
    about:
      "Prints the trades forwarded to NATS JetStream (--publish of serve) in the log's trade format, one per " +
      'line: new ones as they arrive, or every stored one first with --from-start. Exit 2 on bad flags, 1 when ' +
      'NATS or the stream cannot be reached.',
    flags: ['publish', 'publishCreds', 'publishTlsCa', 'publishStream', 'tailSubject', 'fromStart']
  },
  desktop: {
    usage: 'npm start',
    about: "The desktop app reads the engine flags' environment variables for one run (not saved).",
    flags: [...ENGINE_FLAGS, 'userDataDir', ...PUBLISH_FLAGS]
  }
} as const satisfies Record<string, CommandSpec>

export type CommandName = keyof typeof COMMANDS
export type CommandFlag<C extends CommandName> = (typeof COMMANDS)[C]['flags'][number]
