// Small guards every layer needs at its edges: one of each, so none drifts.

/** A plain object (not null, not an array): what JSON objects parse to. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** What a caught value says: an Error's message, anything else as text. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

/** Scheme and host only, for logs: full URLs may carry tokens or be arbitrarily long. */
export function originOf(url: string): string {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}`
  } catch {
    return 'an unparsable URL'
  }
}
