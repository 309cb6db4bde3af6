// What the mirror serves: one route per contract call (so adding a call to API_CALLS adds its route),
// plus the mirror's own streams and exports. Extend `mirrorRoutes` for paths outside the contract.

import {
  API_CALLS,
  CALL_NAMES,
  EVENT_NAMES,
  type ApiHandlers,
  type CallName,
  type CallSpec,
  type EventName
} from '../../shared/contract'
import type { EngineFacade } from '../core/engine-facade'
import { redactProxy } from '../core/net/proxy-route'
import { maskPublishUrl, unmaskPublishUrls } from '../../shared/validate-publish'
import type { Settings } from '../../shared/settings'
import { historyRoutes } from './history-routes'
import { HttpError, sendJson } from './errors'
import { applyBaseHeaders } from './headers'
import type { Route, RouteContext } from './router'
import type { EventStreamHub } from './sse'
import { isRecord } from '../../shared/guards'

/** GET: query + path parameters; POST: the JSON object body + path parameters. Path parameters win. */
function rawInput(ctx: RouteContext): Record<string, unknown> {
  if (ctx.body === undefined) return { ...ctx.query, ...ctx.params }
  if (!isRecord(ctx.body)) throw new HttpError('bad_request', 'request body must be a JSON object')
  return { ...ctx.body, ...ctx.params }
}

function contractRoute<K extends CallName>(name: K, spec: CallSpec<K>, handlers: ApiHandlers): Route {
  return {
    method: spec.http.method,
    path: spec.http.path,
    mutates: spec.mutates,
    async handle(ctx) {
      const parsed = spec.parse(rawInput(ctx))
      if (!parsed.ok) throw new HttpError('bad_request', parsed.error)
      const handler: ApiHandlers[K] = handlers[name]
      sendJson(ctx.res, 200, await handler(parsed.value))
    }
  }
}

export function contractRoutes(handlers: ApiHandlers): Route[] {
  const shown = withProxyCredentialsHidden(handlers)
  return CALL_NAMES.map((name) => contractRoute(name, API_CALLS[name], shown))
}

/**
 * GET /settings needs no token, so any local process may read it: the mirror shows the proxy and the
 * NATS URLs with their credentials redacted, and a redacted value sent back unchanged (the form's untouched field)
 * keeps the real one. The engine, IPC and the saved settings keep the credentials.
 */
function withProxyCredentialsHidden(handlers: ApiHandlers): ApiHandlers {
  const hide = (s: Settings): Settings => ({
    ...s,
    proxy: redactProxy(s.proxy),
    publish: { ...s.publish, urls: s.publish.urls.map(maskPublishUrl) }
  })
  return {
    ...handlers,
    getSettings: async () => hide(await handlers.getSettings()),
    updateSettings: async (patch) => {
      const current = await handlers.getSettings()
      const echoed =
        patch.proxy !== undefined && patch.proxy !== current.proxy && patch.proxy === redactProxy(current.proxy)
      const { proxy: _shown, ...rest } = patch
      const next = echoed ? rest : patch
      // NATS URLs shown masked and sent back untouched keep their saved credentials.
      if (next.publish?.urls !== undefined)
        next.publish = { ...next.publish, urls: unmaskPublishUrls(next.publish.urls, current.publish.urls) }
      return hide(await handlers.updateSettings(next))
    }
  }
}

function parseEventFilter(raw: string | undefined): Set<EventName> {
  if (raw === undefined || raw.trim() === '') return new Set(EVENT_NAMES)
  const wanted = new Set<EventName>()
  for (const item of raw.split(',')) {
    const name = item.trim()
    if (!(EVENT_NAMES as readonly string[]).includes(name)) {
      throw new HttpError('bad_request', `events must be a comma-separated subset of ${EVENT_NAMES.join(', ')}`)
    }
    wanted.add(name as EventName)
  }
  return wanted
}

export function mirrorRoutes(engine: EngineFacade, events: EventStreamHub): Route[] {
  return [
    ...historyRoutes(engine),
    {
      method: 'GET',
      path: '/events',
      mutates: false,
      handle: (ctx) => events.attach(ctx.req, ctx.res, parseEventFilter(ctx.query.events))
    },
    {
      method: 'GET',
      path: '/metrics',
      mutates: false,
      handle: (ctx) => {
        const text = engine.metricsText()
        applyBaseHeaders(ctx.res)
        ctx.res.setHeader('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
        ctx.res.setHeader('Content-Length', Buffer.byteLength(text))
        ctx.res.end(text)
      }
    },
    {
      // The bug-report Markdown as a file (`GET /debug/report` is the same text wrapped in JSON).
      method: 'GET',
      path: '/debug/report.md',
      mutates: false,
      handle: async (ctx) => {
        const { markdown } = await engine.handlers.getReport()
        applyBaseHeaders(ctx.res)
        ctx.res.setHeader('Content-Type', 'text/markdown; charset=utf-8')
        ctx.res.setHeader('Content-Length', Buffer.byteLength(markdown))
        ctx.res.end(markdown)
      }
    }
  ]
}
