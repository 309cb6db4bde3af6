// Run by lifecycle.test.ts in a child process: uses a simulator fully, closes it, then prints what is
// still open. If anything (timer, socket, server) were left, this process would not exit on its own.
import WebSocket from 'ws'
import { startSimulator } from '../../src/simulator'
import { waitFor } from '../support/wait-for'

async function probe(): Promise<void> {
  const sim = await startSimulator({ port: 0, tradesPerSecond: 500, tickMs: 10 })
  const ws = new WebSocket(sim.wsUrl('spot'))
  await new Promise((resolve) => ws.once('open', resolve))
  let trades = 0
  ws.on('message', (d) => (trades += d.toString().includes('"topic"') ? 1 : 0))
  ws.send(JSON.stringify({ op: 'subscribe', args: ['publicTrade.BTCUSDT'] }))
  await waitFor(() => trades >= 3, { what: 'three trade frames' })
  await (await fetch(`${sim.restUrl}/v5/market/recent-trade?category=spot&symbol=BTCUSDT`)).text()
  const closed = new Promise((resolve) => ws.once('close', resolve))
  await sim.close()
  await closed
  // Let the client socket finish closing, then report.
  setImmediate(() => console.log(JSON.stringify(process.getActiveResourcesInfo())))
}

probe().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
