// What the window shows when the UI itself fails to load (a missing build, a broken bundle): a
// static page that says what failed and where the logs are, instead of a window that never appears.

import { LOG_FILE_NAME } from './log-file'

export interface LoadFailure {
  /** The URL that failed (scheme, host and path only are shown). */
  url: string
  /** Chromium's error code and words (`-6`, `ERR_FILE_NOT_FOUND`). */
  code: number
  description: string
  logFolder: string
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c])

function shown(url: string): string {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}${u.pathname}`
  } catch {
    return 'an unparsable URL'
  }
}

export function loadErrorHtml(f: LoadFailure): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Market Data Monitor: the window failed to load</title>
<style>body{font-family:system-ui,sans-serif;background:#0f1419;color:#e6e6e6;max-width:44rem;margin:3rem auto;line-height:1.5}code{background:#1c232b;padding:0 .3em}</style>
</head><body data-testid="load-error">
<h1>The window failed to load</h1>
<p>The collector keeps running; only the window is affected.</p>
<p>Loading <code>${escapeHtml(shown(f.url))}</code> failed: <code>${escapeHtml(f.description)}</code> (${f.code}).</p>
<p>The log, <code>${LOG_FILE_NAME}</code>, is in the log folder: <code data-testid="log-folder">${escapeHtml(f.logFolder)}</code></p>
<p>From a source checkout, <code>npm run build</code> rebuilds the UI; then reopen the window (close it and
choose Show in the tray, or start the app again): it loads afresh.</p>
</body></html>
`
}

/** A data: URL, so it loads even when the app's own bundle is what is broken. */
export function loadErrorUrl(f: LoadFailure): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(loadErrorHtml(f))}`
}
