// Enrolment, the credential's safekeeping and its use, against a stand-in gateway on loopback.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { KioskConfig } from './config.ts'
import { fake, fakeElectron, type Handler } from './fake-electron.ts'

vi.mock('electron', () => ({ ...fakeElectron, default: fakeElectron }))

const { startDeviceCredential } = await import('./shell.ts')

const goodCode = 'ABCD-EFGH-JKM2'
const issuedCredential = 'credential-0123456789abcdefghijklmnopqrstuvwxyz'
let revoked = false
const heartbeats: (string | undefined)[] = []
let server: Server
let gatewayOrigin: string

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      const send = (status: number, payload: unknown) =>
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload))
      if (request.url === '/trpc/kiosks.enrol') {
        const code = (JSON.parse(body) as { enrolmentCode?: string }).enrolmentCode
        if (code === goodCode)
          return send(200, { result: { data: { kioskId: 'kiosk-1', credential: issuedCredential } } })
        return send(401, {
          error: { message: 'This enrolment code is not valid or has expired.', data: { code: 'KIOSK_NOT_ENROLLED' } },
        })
      }
      if (request.url === '/trpc/kiosks.heartbeat') {
        heartbeats.push(request.headers['x-darwaza-kiosk'] as string | undefined)
        if (revoked) return send(401, { error: { message: 'revoked', data: { code: 'KIOSK_NOT_ENROLLED' } } })
        return send(200, { result: { data: { ok: true } } })
      }
      send(404, {})
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  gatewayOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => server.close())

beforeEach(() => {
  fake.userData = mkdtempSync(path.join(tmpdir(), 'kiosk-user-data-'))
  revoked = false
  vi.spyOn(console, 'log').mockImplementation(() => {})
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  vi.spyOn(console, 'error').mockImplementation(() => {})
})

const config = (enrolmentCode: string | null): KioskConfig => ({
  gatewayOrigin,
  label: null,
  printerName: null,
  paperFormat: 'thermal-80mm',
  enrolmentCode,
  idleSeconds: 120,
  defaultLanguage: 'ur',
  peripherals: [],
  production: true,
  configFile: null,
})

function headersFor(url: string): Record<string, string> {
  const handler = fake.beforeSendHeaders as Handler
  let sent: Record<string, string> = {}
  handler(
    { url, requestHeaders: { accept: 'application/json' } },
    (result: { requestHeaders: Record<string, string> }) => {
      sent = result.requestHeaders
    },
  )
  return sent
}

describe('kiosk device credential', () => {
  it('enrols with the code, keeps the credential encrypted, and sends it only to the gateway', async () => {
    const credential = await startDeviceCredential(config(goodCode))
    expect(credential.current()).toBe(issuedCredential)
    const file = path.join(fake.userData, 'device-credential.bin')
    expect(readFileSync(file, 'utf8')).not.toContain(issuedCredential)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(fake.beforeSendFilter).toEqual({ urls: [`${gatewayOrigin}/*`] })
    expect(headersFor(`${gatewayOrigin}/trpc/catalogue.list`)['x-darwaza-kiosk']).toBe(issuedCredential)
    expect(headersFor('https://evil.example/trpc')['x-darwaza-kiosk']).toBeUndefined()
    expect(headersFor(`${gatewayOrigin}.evil.example/x`)['x-darwaza-kiosk']).toBeUndefined()
    expect(JSON.stringify(vi.mocked(console.log).mock.calls)).not.toContain(issuedCredential)
  })

  it('reuses the stored credential on the next start without a code', async () => {
    await startDeviceCredential(config(goodCode))
    const again = await startDeviceCredential(config(null))
    expect(again.current()).toBe(issuedCredential)
    expect(await again.beat()).toBe('ok')
    expect(heartbeats.at(-1)).toBe(issuedCredential)
  })

  it('keeps running unenrolled when the code is refused', async () => {
    const credential = await startDeviceCredential(config('ZZZZ-ZZZZ-ZZZZ'))
    expect(credential.current()).toBeNull()
    expect(credential.enrolment()).toBe('unenrolled')
    expect(console.error).toHaveBeenCalledWith(
      expect.stringContaining('enrolment failed (This enrolment code is not valid'),
    )
    expect(headersFor(`${gatewayOrigin}/trpc/catalogue.list`)['x-darwaza-kiosk']).toBeUndefined()
  })

  it('forgets the credential as soon as the gateway says the kiosk was revoked, and says so', async () => {
    const changes: string[] = []
    const credential = await startDeviceCredential(config(goodCode), (state) => changes.push(state))
    expect(credential.enrolment()).toBe('enrolled')
    expect(await credential.beat()).toBe('ok')
    expect(changes).toEqual([])
    revoked = true
    expect(await credential.beat()).toBe('revoked')
    expect(credential.current()).toBeNull()
    expect(credential.enrolment()).toBe('revoked')
    expect(changes).toEqual(['revoked'])
    expect(existsSync(path.join(fake.userData, 'device-credential.bin'))).toBe(false)
    expect(headersFor(`${gatewayOrigin}/trpc/catalogue.list`)['x-darwaza-kiosk']).toBeUndefined()
  })
})
