// docs/api.md's endpoint table against a real mirror: every contract call is documented, and every
// documented endpoint exists with the method and the token rule the page gives it. Probes change
// nothing: a documented GET is asked with DELETE (an existing path answers 405 and names GET in
// `Allow`, an unknown one 404), a documented POST is sent without the token (401 only on a route).

import { request } from 'node:http'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_CALLS, CALL_NAMES } from '../../src/shared/contract'
import { REPO_ROOT } from '../support/fixtures'
import { startStack, type StackFor } from '../support/stack'

interface DocumentedEndpoint {
  method: 'GET' | 'POST'
  path: string
  token: boolean
}

/** Rows of the table under "## Endpoints": `| GET | \`/path\` | parameters |`. */
function documentedEndpoints(): DocumentedEndpoint[] {
  const page = readFileSync(path.join(REPO_ROOT, 'docs/api.md'), 'utf8')
  const table = page.slice(page.indexOf('## Endpoints'), page.indexOf('\n### ', page.indexOf('## Endpoints')))
  const rows: DocumentedEndpoint[] = []
  for (const m of table.matchAll(/^\| (GET|POST) +\| ([^|]+)\|([^|]*)\|$/gm)) {
    for (const p of m[2].matchAll(/`([^`]+)`/g)) {
      rows.push({ method: m[1] as 'GET' | 'POST', path: p[1], token: m[3].includes('(token)') })
    }
  }
  return rows
}

function probe(port: number, method: string, target: string): Promise<{ status: number; allow: string | null }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: target }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow ?? null }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('docs/api.md endpoint table', () => {
  let stack: StackFor<{ mirror: true }>
  const endpoints = documentedEndpoints()

  beforeAll(async () => {
    stack = await startStack({ mirror: true })
  })
  afterAll(async () => {
    await stack?.close()
  })

  it('documents every call of the contract with its method and token rule', () => {
    const missing = CALL_NAMES.filter((name) => {
      const spec = API_CALLS[name]
      return !endpoints.some(
        (e) => e.method === spec.http.method && e.path === spec.http.path && e.token === spec.mutates
      )
    }).map((name) => `${name}: ${API_CALLS[name].http.method} ${API_CALLS[name].http.path}`)
    expect(missing).toEqual([])
  })

  it('lists only endpoints the mirror serves, with the method and token rule it enforces', async () => {
    expect(endpoints.length).toBeGreaterThan(CALL_NAMES.length)
    const wrong: string[] = []
    for (const e of endpoints) {
      const target = e.path.replace('{name}', 'bybit_trades')
      if (e.method === 'GET') {
        const { status, allow } = await probe(stack.mirrorPort, 'DELETE', target)
        if (status !== 405 || !allow?.split(', ').includes('GET')) wrong.push(`GET ${e.path}: ${status} ${allow}`)
      } else {
        const { status } = await probe(stack.mirrorPort, 'POST', target)
        if (status !== (e.token ? 401 : 415)) wrong.push(`POST ${e.path}: ${status}`)
      }
    }
    expect(wrong).toEqual([])
  })
})
