// The mirror's exports over a time range: `trades.csv` (memory or disk, streamed) and
// `trades.parquet` (DuckDB `COPY … TO` a temp file, streamed, then removed). Query parameters are
// parsed here, at the edge: one symbol (letters and digits only, and bound as a parameter by the
// durable tier, never put into SQL text), `from`/`to` as epoch ms or ISO 8601.

import { createReadStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { parseOneSymbol } from '../../shared/contract'
import type { TradeRange } from '../../shared/dto-durable'
import { exportFileName } from '../../shared/export-name'
import { hasTimeRange, parseTimeRange } from '../../shared/time-range'
import type { EngineFacade } from '../core/engine-facade'
import { streamTradesCsv } from './csv'
import { HttpError } from './errors'
import { applyBaseHeaders } from './headers'
import type { Route } from './router'

/** Parquet exports at once: each one is a DuckDB scan and a temp file. */
export const MAX_PARQUET_EXPORTS = 2
export const PARQUET_CONTENT_TYPE = 'application/vnd.apache.parquet'

export function parseExportQuery(query: Readonly<Record<string, string>>): TradeRange {
  const symbol = parseOneSymbol(query.symbol)
  if (!symbol.ok) throw new HttpError('bad_request', symbol.error)
  const range = parseTimeRange(query)
  if (!range.ok) throw new HttpError('bad_request', range.error)
  const q: TradeRange = { ...range.value }
  if (symbol.value !== undefined) q.symbol = symbol.value
  return q
}

async function* flatten<T>(batches: AsyncIterable<T[]>): AsyncGenerator<T> {
  for await (const batch of batches) yield* batch
}

export function historyRoutes(engine: EngineFacade): Route[] {
  let parquetRunning = 0
  return [
    {
      method: 'GET',
      path: '/collectors/trades.csv',
      mutates: false,
      handle: (ctx) => {
        const q = parseExportQuery(ctx.query)
        // Without a range: the rings, symbol by symbol, exactly as before the durable tier.
        const rows = hasTimeRange(q) ? flatten(engine.exportTradeRange(q)) : engine.exportTrades(q.symbol)
        return streamTradesCsv(ctx.res, rows, exportFileName(q, 'csv'))
      }
    },
    {
      method: 'GET',
      path: '/collectors/trades.parquet',
      mutates: false,
      handle: async (ctx) => {
        const q = parseExportQuery(ctx.query)
        if (parquetRunning >= MAX_PARQUET_EXPORTS) {
          throw new HttpError(
            'unavailable',
            `at most ${MAX_PARQUET_EXPORTS} Parquet exports at once; try again shortly`
          )
        }
        parquetRunning++
        let dir: string | null = null
        try {
          dir = await mkdtemp(join(tmpdir(), 'mdm-parquet-'))
          const file = join(dir, 'trades.parquet')
          const rows = await engine.exportParquet(q, file)
          const { size } = await stat(file)
          const res = ctx.res
          applyBaseHeaders(res)
          res.setHeader('Content-Type', PARQUET_CONTENT_TYPE)
          res.setHeader('Content-Disposition', `attachment; filename="${exportFileName(q, 'parquet')}"`)
          res.setHeader('Content-Length', size)
          res.setHeader('X-MDM-Rows', rows)
          res.statusCode = 200
          if (ctx.req.method === 'HEAD') {
            res.end()
            return
          }
          // A client that goes away ends the pipeline with an error: nothing more to tell it.
          await pipeline(createReadStream(file), res).catch(() => undefined)
        } finally {
          parquetRunning--
          if (dir !== null) await rm(dir, { recursive: true, force: true })
        }
      }
    }
  ]
}
