// `/collectors/trades.csv`: the stored trades, oldest first, with prices and sizes as the exact decimal
// strings the exchange sent. Streamed in chunks that wait for the socket, so a large export never
// builds one big string and a slow reader never makes the mirror buffer without bound.

import type { ServerResponse } from 'node:http'
import type { TradeDto } from '../../shared/dto'
import { CSV_COLUMNS, csvRow } from '../core/durable/csv-rows'
import { applyBaseHeaders } from './headers'

export { CSV_COLUMNS, CSV_TEXT_COLUMNS, csvRow } from '../core/durable/csv-rows'

const CHUNK_BYTES = 64 * 1024

export async function streamTradesCsv(
  res: ServerResponse,
  trades: Iterable<TradeDto> | AsyncIterable<TradeDto>,
  filename: string
): Promise<void> {
  applyBaseHeaders(res)
  res.setHeader('Content-Type', 'text/csv; charset=utf-8')
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`)
  res.statusCode = 200
  if (res.req.method === 'HEAD') {
    res.end()
    return
  }
  let chunk = CSV_COLUMNS.join(',') + '\r\n'
  for await (const trade of trades) {
    chunk += csvRow(trade)
    if (chunk.length < CHUNK_BYTES) continue
    if (!(await write(res, chunk))) return
    chunk = ''
  }
  res.end(chunk)
}

/** Resolves false when the client went away, so the export stops instead of writing into nothing. */
async function write(res: ServerResponse, text: string): Promise<boolean> {
  if (res.destroyed) return false
  if (res.write(text)) return true
  return new Promise((resolve) => {
    const settle = (drained: boolean): void => {
      res.off('drain', onDrain)
      res.off('close', onClose)
      resolve(drained)
    }
    const onDrain = (): void => settle(true)
    const onClose = (): void => settle(false)
    res.on('drain', onDrain)
    res.on('close', onClose)
  })
}
