// Headless mode: the built renderer (`out/renderer`) served at `/` beside the API. The token for
// state-changing calls is injected into index.html as `<meta name="mdm-token">`, which the renderer's
// HTTP client reads; only a same-origin page can read it (Host check, no CORS, CORP same-origin).
// Paths are resolved under the root and checked by prefix after following symlinks: no traversal.

import { readFile, realpath, stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { resolve, sep } from 'node:path'
import { contentTypeFor } from './content-types'
import { applyBaseHeaders, UI_CSP } from './headers'

const MAX_STATIC_BYTES = 16 * 1024 * 1024

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Market Data Monitor</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>Market Data Monitor</h1>
<p>The engine and the REST API are running, but the browser UI has not been built.</p>
<p>Build it with <code>npx electron-vite build</code> (it lands in <code>out/renderer</code>), then reload this page.</p>
<p>The API works now: try <a href="/health">/health</a>, <a href="/collectors/status">/collectors/status</a>,
<a href="/collectors/trades?limit=5">/collectors/trades?limit=5</a>, <a href="/debug/tasks">/debug/tasks</a>.</p>
</body></html>
`

export class StaticSite {
  private rootReal: Promise<string | null> | null = null

  constructor(
    private readonly root: string,
    private readonly token: string
  ) {}

  /** Answers GET/HEAD for a static path; false when there is no such file (the caller answers 404). */
  async serve(res: ServerResponse, rawPath: string): Promise<boolean> {
    const file = await this.resolveFile(rawPath === '/' ? '/index.html' : rawPath)
    if (file === null) {
      if (rawPath !== '/' && rawPath !== '/index.html') return false
      this.send(res, 'index.html', Buffer.from(NOT_BUILT_PAGE))
      return true
    }
    let body = await readFile(file)
    if (file === (await this.indexFile())) body = Buffer.from(injectToken(body.toString('utf8'), this.token))
    this.send(res, file, body)
    return true
  }

  private send(res: ServerResponse, file: string, body: Buffer): void {
    applyBaseHeaders(res)
    res.setHeader('Content-Type', contentTypeFor(file))
    res.setHeader('Content-Security-Policy', UI_CSP)
    res.setHeader('X-Frame-Options', 'DENY')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    res.setHeader('Content-Length', body.length)
    res.statusCode = 200
    res.end(body)
  }

  private async indexFile(): Promise<string | null> {
    const root = await this.realRoot()
    return root === null ? null : resolve(root, 'index.html')
  }

  private realRoot(): Promise<string | null> {
    this.rootReal ??= realpath(this.root).catch(() => null)
    return this.rootReal.then((r) => {
      if (r === null) this.rootReal = null // not built yet: look again next time
      return r
    })
  }

  /** The real path of a regular file strictly inside the root, or null. */
  private async resolveFile(rawPath: string): Promise<string | null> {
    let decoded: string
    try {
      decoded = decodeURIComponent(rawPath)
    } catch {
      return null
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return null
    const root = await this.realRoot()
    if (root === null) return null
    const candidate = resolve(root, '.' + decoded)
    if (!candidate.startsWith(root + sep)) return null
    try {
      const real = await realpath(candidate)
      if (!real.startsWith(root + sep)) return null
      const info = await stat(real)
      return info.isFile() && info.size <= MAX_STATIC_BYTES ? real : null
    } catch {
      return null
    }
  }
}

/** Adds the per-process token as the first element of `<head>`. */
export function injectToken(html: string, token: string): string {
  const meta = `<meta name="mdm-token" content="${token.replace(/[^A-Za-z0-9_-]/g, '')}">`
  const head = /<head(\s[^>]*)?>/i.exec(html)
  if (!head) return meta + html
  const at = head.index + head[0].length
  return html.slice(0, at) + meta + html.slice(at)
}
