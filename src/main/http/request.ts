// Reading what a client sent, bounded: the query string (each name once) and a size-capped JSON body.

import type { IncomingMessage } from 'node:http'
import { HttpError } from './errors'

export const MAX_BODY_BYTES = 16 * 1024
const MAX_QUERY_PARAMS = 32

/** Splits `req.url` without normalizing it: `..` stays visible to the static handler's traversal check. */
export function splitTarget(url: string | undefined): { path: string; search: string } {
  if (url === undefined || !url.startsWith('/')) throw new HttpError('bad_request', 'request target must be a path')
  const q = url.indexOf('?')
  return q < 0 ? { path: url, search: '' } : { path: url.slice(0, q), search: url.slice(q + 1) }
}

export function parseQuery(search: string): Record<string, string> {
  const params = new URLSearchParams(search)
  const query: Record<string, string> = {}
  let n = 0
  for (const [name, value] of params) {
    if (++n > MAX_QUERY_PARAMS) throw new HttpError('bad_request', `at most ${MAX_QUERY_PARAMS} query parameters`)
    if (Object.hasOwn(query, name)) throw new HttpError('bad_request', `${name.slice(0, 40)} given more than once`)
    query[name] = value
  }
  return query
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length']
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
}

/** GET and HEAD take no body; refusing one keeps request smuggling and large uploads out. */
export function refuseBody(req: IncomingMessage): void {
  if (hasBody(req)) throw new HttpError('bad_request', `${req.method ?? 'GET'} requests take no body`)
}

/** Reads a JSON body of at most `maxBytes`; an empty body is `{}`. */
export async function readJsonBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > maxBytes) throw new HttpError('payload_too_large', `request body must be at most ${maxBytes} bytes`)
  if (!hasBody(req)) return {}
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
  if (type !== 'application/json') {
    throw new HttpError('unsupported_media_type', 'request body must be JSON (Content-Type: application/json)')
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBytes) throw new HttpError('payload_too_large', `request body must be at most ${maxBytes} bytes`)
    chunks.push(chunk)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new HttpError('bad_request', 'request body is not valid JSON')
  }
}
