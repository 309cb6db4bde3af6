// A second engine's share of the data dir: opens the durable tier in argv[2], says "ready", and
// holds the file (DuckDB's lock) until SIGTERM, then closes it and exits.

import { openDurableTier } from '../../src/main/core/durable/duckdb-tier'

async function main(): Promise<void> {
  const tier = await openDurableTier({ dataDir: process.argv[2], retentionDays: 0, retentionGb: 0 })
  process.stdout.write(`ready ${process.pid}\n`)
  const keepAlive = setInterval(() => undefined, 60_000)
  process.on('SIGTERM', () => {
    clearInterval(keepAlive)
    void tier.close().then(() => process.exit(0))
  })
}

void main()
