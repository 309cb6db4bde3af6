// A `serve` child that persists into a data dir and forwards to NATS: the two-symbol spot feed of a
// test simulator, started and waited for until both topics are subscribed.

import { startScript, type RunningScript } from './child-script'
import { freePort } from './loopback'
import { waitFor } from './wait-for'

export interface ForwardingServe {
  run: RunningScript
  /** GET on its mirror, parsed as JSON. */
  get: <T>(path: string) => Promise<T>
}

export async function startForwardingServe(opts: {
  sim: { wsUrl(category: 'spot'): string; restUrl: string }
  natsUrl: string
  dataDir: string
  /** Registers the child for the test's cleanup. */
  own: (c: { close(): Promise<void> }) => void
}): Promise<ForwardingServe> {
  const port = await freePort()
  const run = startScript(
    'src/cli/serve.ts',
    [
      '--ws-url',
      opts.sim.wsUrl('spot'),
      '--rest-url',
      opts.sim.restUrl,
      '--symbols',
      'BTCUSDT,ETHUSDT',
      '--port',
      String(port)
    ],
    { env: { MDM_NO_PERSIST: '0', MDM_DATA_DIR: opts.dataDir, MDM_PUBLISH: opts.natsUrl, MDM_UI_BUILD: 'off' } }
  )
  opts.own({ close: () => run.stop() })
  const get = async <T>(p: string): Promise<T> => (await (await fetch(`http://127.0.0.1:${port}${p}`)).json()) as T
  await waitFor(
    async () => {
      const s = await get<{ subscriptions: { state: string }[] }>('/collectors/status/bybit_trades').catch(() => null)
      return s !== null && s.subscriptions.length === 2 && s.subscriptions.every((t) => t.state === 'subscribed')
    },
    { what: `serve subscribed (${run.all().slice(-300)})`, timeoutMs: 30_000, intervalMs: 100 }
  )
  return { run, get }
}
