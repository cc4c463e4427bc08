// The conformance kit as a department runs it: `pnpm conformance keygen` and `pnpm conformance check`
// against a real department endpoint, passing when the endpoint trusts the kit's key and naming each
// failed check when it does not.
import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { generateSigningKeyPair, loadPrivateKey } from '@darwaza/contracts/department-protocol/signatures'
import { demoDepartments } from '@darwaza/db/seed'
import { createReferenceDepartment } from '@darwaza/departments/reference'
import type { RunningDepartment } from '@darwaza/departments/protocol-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scratchFolder } from './support/databases.ts'

const run = promisify(execFile)
const repoRoot = path.resolve(import.meta.dirname, '..')
const cli = path.join(repoRoot, 'apps/gateway/src/conformance-cli.ts')
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx')

async function conformance(args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(tsx, [cli, ...args], { cwd: repoRoot })
    return { code: 0, output: stdout + stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, output: failed.stdout + failed.stderr }
  }
}

describe('conformance kit command', () => {
  const folder = scratchFolder()
  const keyFile = path.join(folder, 'kit-key.pem')
  const entryFiles: string[] = []
  let water: RunningDepartment
  // The department's own key, which signs its answers.
  const waterKey = generateSigningKeyPair('water-board-1')
  let waterUrl: string

  beforeAll(async () => {
    const keygen = await conformance(['keygen', '--key-id', 'water-kit', '--out', keyFile])
    expect(keygen.code).toBe(0)
    const publicKey = /Public key for water-kit: (\S+)/.exec(keygen.output)?.[1] ?? ''
    const services = demoDepartments.find((department) => department.code === 'water-board')?.services ?? []
    for (const service of services) {
      const file = path.join(folder, `${service.slug}.json`)
      writeFileSync(file, JSON.stringify(service))
      entryFiles.push(file)
    }
    water = createReferenceDepartment('water-board', {
      dataDir: folder,
      gatewayKeys: new Map([['water-kit', publicKey]]),
      signer: { keyId: waterKey.keyId, privateKey: loadPrivateKey(waterKey.privateKeyPem) },
    })
    waterUrl = await water.listen(0)
  }, 60_000)
  afterAll(async () => {
    await water.close()
  })

  const entries = () => entryFiles.flatMap((file) => ['--entry', file])
  const waterAnswersKey = () => ['--department-key', `${waterKey.keyId}=${waterKey.publicKey}`]

  it('passes every check against an endpoint that trusts the kit key', async () => {
    expect(readFileSync(keyFile, 'utf8')).toContain('PRIVATE KEY')
    const result = await conformance([
      'check',
      '--base-url',
      waterUrl,
      '--key',
      keyFile,
      '--key-id',
      'water-kit',
      '--department',
      'water-board',
      ...waterAnswersKey(),
      ...entries(),
    ])
    expect(result.output).toContain('PASS  answers a sample look-up for water-bill')
    expect(result.output).toContain('PASS  answers a sample application for water-connection')
    expect(result.output).toContain('PASS  signs its answers with a key registered for the department')
    expect(result.output).toContain('All 7 checks passed.')
    expect(result.code).toBe(0)
  }, 60_000)

  it('fails, naming each check and why, when the endpoint does not trust the key', async () => {
    const otherKey = path.join(folder, 'other-key.pem')
    expect((await conformance(['keygen', '--key-id', 'other', '--out', otherKey])).code).toBe(0)
    const result = await conformance([
      'check',
      '--base-url',
      waterUrl,
      '--key',
      otherKey,
      '--key-id',
      'other',
      ...waterAnswersKey(),
      ...entries(),
    ])
    expect(result.code).toBe(1)
    expect(result.output).toContain('PASS  answers the health call')
    expect(result.output).toContain('FAIL  answers a sample look-up for water-bill')
    expect(result.output).toContain(
      'answered HTTP 401 (unauthorized: The request signature is not valid: key "other" is not registered.)',
    )
    expect(result.output).toContain('The endpoint does not conform yet.')
  }, 60_000)

  it('fails when the answers are not signed with the key the department gave', async () => {
    const stranger = generateSigningKeyPair('water-board-1')
    const result = await conformance([
      'check',
      '--base-url',
      waterUrl,
      '--key',
      keyFile,
      '--key-id',
      'water-kit',
      '--department-key',
      `water-board-1=${stranger.publicKey}`,
      ...entries(),
    ])
    expect(result.code).toBe(1)
    expect(result.output).toContain('PASS  answers a sample look-up for water-bill')
    expect(result.output).toContain('FAIL  signs its answers with a key registered for the department')
    expect(result.output).toContain(
      'the answer to POST /lookups/water-bill: the signature does not match the answer and the request it answers',
    )
  }, 60_000)

  it('refuses to run without the details it needs', async () => {
    const result = await conformance(['check', '--base-url', waterUrl])
    expect(result.code).toBe(2)
    expect(result.output).toContain('check needs --key')
    const withoutDepartmentKey = await conformance([
      'check',
      '--base-url',
      waterUrl,
      '--key',
      keyFile,
      '--key-id',
      'water-kit',
      ...entries(),
    ])
    expect(withoutDepartmentKey.code).toBe(2)
    expect(withoutDepartmentKey.output).toContain('check needs --department-key')
  }, 30_000)
})
