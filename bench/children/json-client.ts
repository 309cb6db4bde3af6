// The ceiling: a bare `ws` client that does nothing with each frame but JSON.parse it (and read
// the trade count). No engine can ingest faster than this on the same feed.
import WebSocket from 'ws'
import { childConfig, fail, onClose, toParent, type ClientChildConfig } from '../messages'
import { IngestCounter } from './ingest-counter'

const cfg = childConfig<ClientChildConfig>()
// Same socket options as a production collector: no compression, text frames as Buffers.
const ws = new WebSocket(cfg.wsUrl, { perMessageDeflate: false })
const counter = new IngestCounter(cfg.expectTrades, cfg.idleMs, () => ws.close())

ws.on('open', () => {
  ws.send(JSON.stringify({ op: 'subscribe', req_id: 'bench', args: cfg.symbols.map((s) => `publicTrade.${s}`) }))
})
ws.on('message', (data: Buffer) => {
  const msg = JSON.parse(data.toString()) as { topic?: string; data?: unknown[]; op?: string }
  if (msg.topic !== undefined && Array.isArray(msg.data)) counter.add(msg.data.length)
  else if (msg.op === 'subscribe') toParent({ type: 'subscribed' })
})
ws.on('error', fail)
onClose(() => {
  counter.dispose()
  ws.terminate()
})
