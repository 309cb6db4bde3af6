// The route table: method + path template (`/collectors/status/{name}`) → handler. Contract calls are
// turned into routes by `contractRoutes` (routes.ts); the mirror's own routes sit beside them. Matching
// prefers literal segments over parameters, so `/collectors/storage/clear` beats `/collectors/{name}/restart`.

import type { IncomingMessage, ServerResponse } from 'node:http'
import { HttpError } from './errors'

export type RouteMethod = 'GET' | 'POST'

export interface RouteContext {
  readonly req: IncomingMessage
  readonly res: ServerResponse
  /** Path parameters, percent-decoded. */
  readonly params: Readonly<Record<string, string>>
  /** Query parameters; a name given twice is refused before routing. */
  readonly query: Readonly<Record<string, string>>
  /** Parsed JSON body of a POST (`{}` when empty); undefined for GET/HEAD. */
  readonly body: unknown
}

export interface Route {
  readonly method: RouteMethod
  /** Template with `{param}` segments. */
  readonly path: string
  /** State-changing: requires the per-process token. */
  readonly mutates: boolean
  /** A stand-in until the contract serves this path; dropped when a contract route has the same method and path. */
  readonly placeholder?: boolean
  handle(ctx: RouteContext): Promise<void> | void
}

type Segment = { literal: string } | { param: string }

interface CompiledRoute {
  route: Route
  segments: Segment[]
  literals: number
}

export type RouteMatch =
  | { kind: 'route'; route: Route; params: Record<string, string> }
  /** The path exists but not for this method. `allow` is what the `Allow` header lists. */
  | { kind: 'method'; allow: string[] }
  | { kind: 'none' }

function compile(route: Route): CompiledRoute {
  const segments: Segment[] = splitPath(route.path).map((s) => {
    const m = /^\{([a-z_][a-z0-9_]*)\}$/i.exec(s)
    return m ? { param: m[1] } : { literal: s }
  })
  return { route, segments, literals: segments.filter((s) => 'literal' in s).length }
}

function splitPath(path: string): string[] {
  return path.split('/').slice(1)
}

function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    throw new HttpError('bad_request', 'malformed percent-encoding in the path')
  }
}

export class Router {
  private readonly compiled: CompiledRoute[]

  constructor(routes: readonly Route[]) {
    const real = routes.filter((r) => !r.placeholder)
    const kept = routes.filter((r) => !r.placeholder || !real.some((c) => c.method === r.method && c.path === r.path))
    for (const [i, r] of kept.entries()) {
      if (kept.findIndex((o) => o.method === r.method && o.path === r.path) !== i) {
        throw new Error(`duplicate route ${r.method} ${r.path}`)
      }
    }
    // Most literal segments first: the first match is the most specific one.
    this.compiled = kept.map(compile).sort((a, b) => b.literals - a.literals)
  }

  get routes(): readonly Route[] {
    return this.compiled.map((c) => c.route)
  }

  /** `method` as received; HEAD is answered by GET routes. */
  match(method: string, rawPath: string): RouteMatch {
    const parts = splitPath(rawPath)
    const wanted = method === 'HEAD' ? 'GET' : method
    const allow = new Set<string>()
    let found: { route: Route; params: Record<string, string> } | null = null
    for (const c of this.compiled) {
      const params = matchSegments(c.segments, parts)
      if (!params) continue
      if (c.route.method === wanted && !found) found = { route: c.route, params }
      allow.add(c.route.method)
      if (c.route.method === 'GET') allow.add('HEAD')
    }
    if (found) return { kind: 'route', ...found }
    if (allow.size > 0) return { kind: 'method', allow: [...allow].sort() }
    return { kind: 'none' }
  }
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | null {
  if (segments.length !== parts.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]
    if ('literal' in s) {
      if (s.literal !== parts[i]) return null
    } else {
      if (parts[i] === '') return null
      params[s.param] = decodeSegment(parts[i])
    }
  }
  return params
}
