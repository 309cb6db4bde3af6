// The localhost mirror: REST (from the contract), `/events`, `/metrics`, CSV export and, in headless
// mode, the built UI. Bound to the literal 127.0.0.1; every request passes the Host, Origin, method
// and token checks before it reaches a handler. A busy port is a status and a log line, never a crash.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { MirrorStatus } from '../../shared/dto'
import type { EngineFacade } from '../core/engine-facade'
import { HttpError, sendError, toHttpError } from './errors'
import { parseQuery, readJsonBody, refuseBody, splitTarget } from './request'
import { Router, type RouteContext } from './router'
import { contractRoutes, mirrorRoutes } from './routes'
import { checkHost, checkOrigin, checkToken, originPolicy, type OriginPolicy } from './security'
import { DEFAULT_EVENT_STREAM_OPTIONS, EventStreamHub, type EventStreamOptions, type EventStreamStats } from './sse'
import { StaticSite } from './static'

export const MIRROR_HOST = '127.0.0.1'
const LOGGER = 'mirror'

export interface MirrorLimits {
  /** Whole request headers must arrive within this (slow-loris). */
  headersTimeoutMs: number
  /** Whole request must arrive within this. */
  requestTimeoutMs: number
  /** Idle keep-alive sockets are closed after this. */
  keepAliveTimeoutMs: number
  /** A socket with no traffic at all is closed after this. */
  idleTimeoutMs: number
  maxConnections: number
}

export const DEFAULT_MIRROR_LIMITS: MirrorLimits = {
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  maxConnections: 64
}

export interface MirrorOptions {
  /** Only `127.0.0.1` is accepted: the mirror is loopback-only. */
  host: string
  /** 0: an ephemeral port (tests). */
  port: number
  /** Per-process token required by state-changing calls. */
  token: string
  /** The built renderer (`out/renderer`); null: API only. */
  staticDir: string | null
  limits?: Partial<MirrorLimits>
  events?: Partial<EventStreamOptions>
}

export interface MirrorHandle {
  readonly status: MirrorStatus
  /** `http://127.0.0.1:<port>` while listening, else null. */
  readonly url: string | null
  /** Stops listening, ends event streams and open connections. Idempotent. */
  close(): Promise<void>
}

export async function startMirror(engine: EngineFacade, options: MirrorOptions): Promise<MirrorHandle> {
  if (options.host !== MIRROR_HOST) throw new Error(`the mirror binds ${MIRROR_HOST} only, not ${options.host}`)
  if (options.token.length < 16) throw new Error('the mirror token must be at least 16 characters')
  const limits = { ...DEFAULT_MIRROR_LIMITS, ...options.limits }
  const task = engine.tasks.register('mirror.http', `binding ${MIRROR_HOST}:${options.port}`)
  let status: MirrorStatus = { state: 'starting', host: MIRROR_HOST, port: options.port, url: null, error: null }
  const report = (next: MirrorStatus): void => {
    status = next
    engine.setMirrorStatus(next)
  }
  report(status)

  const server = createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // How often Node checks the two timeouts above; its default (30 s) would let slow-loris sockets linger.
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    maxHeaderSize: 8 * 1024
  })
  server.maxConnections = limits.maxConnections
  server.setTimeout(limits.idleTimeoutMs, (socket) => socket.destroy())

  const listened = await listen(server, options.port)
  if (!listened.ok) {
    const busy = listened.code === 'EADDRINUSE'
    const error = busy
      ? `Mirror port ${options.port} is busy (another process is listening on ${MIRROR_HOST}:${options.port}); the REST mirror is off, collection continues. Free the port or pick another with --port.`
      : `Mirror could not listen on ${MIRROR_HOST}:${options.port} (${listened.code}); the REST mirror is off, collection continues.`
    engine.logger.log(busy ? 'WARNING' : 'ERROR', LOGGER, error, busy ? 'port_busy' : 'listen_failed')
    task.fail({ code: busy ? 'port_busy' : 'listen_failed', message: error, at: Date.now() })
    task.set('failed', error)
    report({ state: busy ? 'port_busy' : 'failed', host: MIRROR_HOST, port: options.port, url: null, error })
    return {
      get status() {
        return status
      },
      url: null,
      close: async () => task.dispose()
    }
  }

  const port = (server.address() as AddressInfo).port
  const url = `http://${MIRROR_HOST}:${port}`
  const describe = (s: EventStreamStats): string =>
    `${url}, ${s.clients} event stream(s), ${s.dropped} event(s) dropped for slow clients`
  const events = new EventStreamHub(engine, { ...DEFAULT_EVENT_STREAM_OPTIONS, ...options.events }, (s) =>
    task.set('running', describe(s))
  )
  const router = new Router([...contractRoutes(engine.handlers), ...mirrorRoutes(engine, events)])
  const site = options.staticDir === null ? null : new StaticSite(options.staticDir, options.token)
  const policy = originPolicy(port)
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    task.touch()
    handle(req, res, { router, site, policy, token: options.token, engine }).catch((err: unknown) => {
      const { error, internal } = toHttpError(err)
      if (internal) logInternal(engine, err)
      // A refused body is left unread: close the connection rather than parse what follows it.
      if (req.method === 'POST' && !req.readableEnded) res.setHeader('Connection', 'close')
      sendError(res, error)
    })
  })
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request'
    // Destroy once flushed: a peer that never reads or closes must not keep the socket half-open.
    if (socket.writable)
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy())
    else socket.destroy()
  })

  task.set('running', describe(events.stats()))
  report({ state: 'listening', host: MIRROR_HOST, port, url, error: null })
  engine.logger.log('INFO', LOGGER, `Mirror listening on ${url}`)

  let closing: Promise<void> | null = null
  return {
    get status() {
      return status
    },
    url,
    close() {
      closing ??= (async () => {
        events.close()
        const closed = new Promise<void>((done) => server.close(() => done()))
        server.closeAllConnections()
        await closed
        task.set('stopped', null)
        task.dispose()
        report({ state: 'off', host: MIRROR_HOST, port, url: null, error: null })
        engine.logger.log('INFO', LOGGER, 'Mirror stopped')
      })()
      return closing
    }
  }
}

type Listened = { ok: true } | { ok: false; code: string }

function listen(server: Server, port: number): Promise<Listened> {
  return new Promise((done) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening)
      done({ ok: false, code: err.code ?? 'unknown' })
    }
    const onListening = (): void => {
      server.off('error', onError)
      done({ ok: true })
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen({ host: MIRROR_HOST, port, exclusive: true })
  })
}

interface RequestScope {
  router: Router
  site: StaticSite | null
  policy: OriginPolicy
  token: string
  engine: EngineFacade
}

async function handle(req: IncomingMessage, res: ServerResponse, scope: RequestScope): Promise<void> {
  checkHost(req, scope.policy)
  checkOrigin(req, scope.policy)
  const { path, search } = splitTarget(req.url)
  const method = req.method ?? ''
  const match = scope.router.match(method, path)
  if (match.kind === 'method') {
    throw new HttpError('method_not_allowed', `${method} is not allowed here; use ${match.allow.join(' or ')}`, {
      Allow: match.allow.join(', ')
    })
  }
  if (match.kind === 'none') {
    if (method === 'GET' || method === 'HEAD') {
      refuseBody(req)
      if (scope.site && (await scope.site.serve(res, path))) return
    } else if (scope.site && (path === '/' || path === '/index.html')) {
      throw new HttpError('method_not_allowed', `${method} is not allowed here; use GET or HEAD`, {
        Allow: 'GET, HEAD'
      })
    }
    throw new HttpError(
      'not_found',
      `no such endpoint: ${path.slice(0, 100)}; see /health, /collectors/status, /debug/tasks`
    )
  }
  const { route, params } = match
  if (route.mutates) checkToken(req, scope.token)
  let body: unknown
  if (route.method === 'POST') body = await readJsonBody(req)
  else refuseBody(req)
  const ctx: RouteContext = { req, res, params, query: parseQuery(search), body }
  await route.handle(ctx)
}

function logInternal(engine: EngineFacade, err: unknown): void {
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err)
  engine.logger.log('ERROR', LOGGER, `request failed: ${message.slice(0, 500)}`, 'internal')
}
