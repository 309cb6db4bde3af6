// startSimulator: one HTTP server carrying the WS endpoints (/v5/public/{spot,linear,inverse})
// and REST recent-trade, wired to one simulated exchange.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type RequestListener } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { Catalog } from './catalog'
import { DEFAULT_BURST } from './control'
import { Exchange } from './exchange'
import { ConnectionLimiter, SlidingWindow } from './limits'
import { loadReplay } from './replay'
import { ReplayPlayer } from './replay-player'
import { handleRest } from './rest'
import { ClientSession } from './session'
import { SIM_CATEGORIES, type SimCategory, type SimulatorHandle, type SimulatorOptions } from './types'
import { PUBLIC_ARGS_MAX_CHARS, REST_IP_LIMIT, WS_CONNECTION_BUDGET } from '../shared/bybit-protocol'

/** Open connections per IP and category that Bybit allows for market data. */
const CONNECTIONS_PER_CATEGORY = 1000

const WS_PATH = /^\/v5\/public\/(spot|linear|inverse)$/
const MAX_CLIENT_FRAME = 64 * 1024

export async function startSimulator(opts: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const host = opts.host ?? '127.0.0.1'
  const log = opts.log ?? (() => {})
  const script = opts.replayFile ? await loadReplay(opts.replayFile, opts.replayCategory) : undefined
  const replaySpeed = opts.replaySpeed ?? 1
  if (!(replaySpeed >= 0)) throw new RangeError('replaySpeed must be >= 0')
  const tradesPerSecond = opts.tradesPerSecond ?? (script ? 0 : 5)
  if (!(tradesPerSecond >= 0)) throw new RangeError('tradesPerSecond must be >= 0')
  if (opts.totalRate !== undefined && !(opts.totalRate >= 0)) throw new RangeError('totalRate must be >= 0')
  const zipf = opts.zipf ?? 1
  if (!(zipf >= 0)) throw new RangeError('zipf must be >= 0')

  const exchange = new Exchange({
    catalog: new Catalog({ symbols: opts.symbols, counts: opts.instruments }),
    flow: { perSymbolRate: tradesPerSecond, totalRate: opts.totalRate, zipf },
    seed: opts.seed ?? Date.now() % 2 ** 31,
    tickMs: opts.tickMs ?? 50,
    sentCapacity: opts.sentCapacity ?? Number.POSITIVE_INFINITY,
    subscribeFailure: opts.subscribeFailure ?? 'whole-request',
    maxArgsChars: PUBLIC_ARGS_MAX_CHARS,
    unfilteredListing: opts.unfilteredListing ?? false,
    restWindow: new SlidingWindow(
      opts.restLimit?.max ?? REST_IP_LIMIT.max,
      opts.restLimit?.windowMs ?? REST_IP_LIMIT.windowMs
    ),
    log
  })
  const limiter = new ConnectionLimiter({
    max: opts.connectionLimits?.max ?? WS_CONNECTION_BUDGET.max,
    windowMs: opts.connectionLimits?.windowMs ?? WS_CONNECTION_BUDGET.windowMs,
    perCategory: opts.connectionLimits?.perCategory ?? CONNECTIONS_PER_CATEGORY
  })

  // A replayed symbol is listed on its endpoint, so subscribing to it succeeds.
  const replayTopics = new Set<string>()
  for (const f of script?.frames ?? []) {
    exchange.list(f.category, f.symbol)
    replayTopics.add(`${f.category}:${f.topic}`)
  }
  const player = script
    ? new ReplayPlayer(
        script,
        {
          push: (c, topic, text) => exchange.push(c, topic, text),
          recordReplayed: (trades, delivered) => exchange.recordReplayed(trades, delivered),
          backlog: () => Math.max(0, ...[...exchange.sessions].map((s) => s.ws.bufferedAmount)),
          log
        },
        replaySpeed,
        opts.replayLoop ?? false
      )
    : undefined
  exchange.onSubscribed = (category, topics) => {
    if (player && topics.some((t) => replayTopics.has(`${category}:${t}`))) player.start()
  }

  const rest: RequestListener = (req, res) => handleRest(req, res, exchange, handle)
  const http = opts.tls ? createTlsServer({ cert: opts.tls.cert, key: opts.tls.key }, rest) : createServer(rest)
  const wss = new WebSocketServer({
    noServer: true,
    autoPong: false,
    perMessageDeflate: false,
    maxPayload: MAX_CLIENT_FRAME
  })

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    const match = WS_PATH.exec(path)
    if (!match) return rejectUpgrade(socket, 404, 'Not Found')
    const category = match[1] as SimCategory
    if (exchange.refusing) {
      log(`[${category}] refused a connection (refuseConnections on)`)
      exchange.stats.refusedConnection('refuse_connections_fault')
      return rejectUpgrade(socket, 503, 'Service Unavailable')
    }
    const ip = req.socket.remoteAddress ?? ''
    let open = 0
    for (const s of exchange.sessions) if (s.category === category && s.ip === ip) open++
    const admission = limiter.admit(ip, open)
    if (!admission.ok) {
      log(`[${category}] refused a connection from ${ip}: ${admission.reason} (HTTP 429)`)
      exchange.stats.refusedConnection(admission.reason)
      return rejectUpgrade(socket, 429, 'Too Many Requests', admission.retryAfterS)
    }
    exchange.stats.openedTotal++
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, category, req))
  })

  function accept(ws: WebSocket, category: SimCategory, req: IncomingMessage): void {
    const remote = `${req.socket.remoteAddress}:${req.socket.remotePort}`
    const session = new ClientSession(ws, category, randomUUID(), remote, exchange, req.socket.remoteAddress ?? '')
    exchange.sessions.add(session)
    log(`[${category}] connection from ${remote} (conn_id ${session.connId})`)
    ws.on('error', (err) => log(`[${category}] ${remote} socket error: ${err.message}`))
    ws.on('close', (code, reason) => {
      exchange.sessions.delete(session)
      log(`[${category}] ${remote} closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`)
    })
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(opts.port ?? 9100, host, () => {
      http.off('error', reject)
      resolve()
    })
  })
  exchange.start()
  const burstEvery = opts.burst?.everySeconds ?? 0
  const burstTimer =
    burstEvery > 0
      ? setInterval(
          () =>
            exchange.startBurst(opts.burst?.rate ?? DEFAULT_BURST.rate, opts.burst?.seconds ?? DEFAULT_BURST.seconds),
          burstEvery * 1000
        )
      : undefined
  const address = http.address()
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 9100)
  const urlHost = host.includes(':') ? `[${host}]` : host
  let closing: Promise<void> | undefined

  const handle: SimulatorHandle = {
    port,
    restUrl: `${opts.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    wsUrl: (category) => `${opts.tls ? 'wss' : 'ws'}://${urlHost}:${port}/v5/public/${category}`,
    sent: () => exchange.tape.sent(),
    emitTrades: (category, symbol, n, o) => exchange.emit(category, symbol, n, o?.perFrame),
    sendRaw: (category, text) => {
      for (const s of exchange.sessions) if (s.category === category) s.send(text)
    },
    connectionCount: (category) => [...exchange.sessions].filter((s) => !category || s.category === category).length,
    subscriptions: (category) => {
      const topics = new Set<string>()
      for (const s of exchange.sessions) if (s.category === category) for (const t of s.topics) topics.add(t)
      return [...topics].sort()
    },
    replayDone: () => player?.done ?? Promise.resolve(),
    faults: {
      dropConnections(code, reason) {
        for (const s of exchange.sessions) {
          if (code === undefined) s.ws.terminate()
          else s.ws.close(code, reason)
        }
      },
      stall: (on) => void (exchange.stalled = on),
      answerPings: (on) => void (exchange.answeringPings = on),
      rejectSubscribe: (symbol, retMsg) =>
        exchange.setRejection(symbol, retMsg ?? `error:handler not found,topic:publicTrade.${symbol}`),
      acceptSubscribe: (symbol) => exchange.setRejection(symbol, undefined),
      ackSubscribe: (on) => void (exchange.ackingSubscribes = on),
      pauseTrades: (on) => void (exchange.paused = on),
      refuseConnections: (on) => void (exchange.refusing = on),
      duplicateOnResubscribe: (k) => exchange.armDuplicates(k)
    },
    stats: () => exchange.statsSnapshot(),
    instruments: {
      list: (category, symbol, status) => void exchange.catalog.list(category, symbol, status),
      delist: (category, symbol) => exchange.catalog.delist(category, symbol),
      status: (category, symbol) => exchange.catalog.get(category, symbol)?.status
    },
    burst: (o) => void exchange.startBurst(o?.rate ?? DEFAULT_BURST.rate, o?.seconds ?? DEFAULT_BURST.seconds),
    close: () => (closing ??= shutdown())
  }

  async function shutdown(): Promise<void> {
    exchange.stop()
    if (burstTimer) clearInterval(burstTimer)
    player?.stop()
    for (const s of exchange.sessions) s.ws.terminate()
    await new Promise<void>((resolve) => wss.close(() => resolve()))
    http.closeAllConnections()
    await new Promise<void>((resolve) => http.close(() => resolve()))
    log('simulator stopped')
  }

  log(`simulator listening on ${handle.restUrl} (${SIM_CATEGORIES.map((c) => handle.wsUrl(c)).join(', ')})`)
  return handle
}

function rejectUpgrade(socket: Duplex, status: number, text: string, retryAfterS?: number): void {
  const retry = retryAfterS === undefined ? '' : `Retry-After: ${retryAfterS}\r\n`
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\n${retry}Content-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`
  )
}
