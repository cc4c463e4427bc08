// The entry point against a fake `electron`, configured by a file and the environment as on a real kiosk.
// One start per file: main.ts starts the shell when it is imported.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, expect, it, vi } from 'vitest'
import { fake } from './fake-electron.ts'
import { loadRetryDelayMs } from './policy.ts'
import { heartbeatMs, ipcChannels } from './shell.ts'

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron)

afterAll(() => {
  vi.unstubAllEnvs()
  vi.useRealTimers()
  vi.restoreAllMocks()
})

it('starts offline from its configuration file, keeps running and retries loading the app after a delay', async () => {
  vi.useFakeTimers()
  const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
  const logs = vi.spyOn(console, 'log').mockImplementation(() => {})
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  fake.userData = mkdtempSync(path.join(tmpdir(), 'kiosk-user-data-'))
  const configFile = path.join(fake.userData, 'kiosk-config.json')
  writeFileSync(
    configFile,
    JSON.stringify({ gatewayUrl: 'https://gateway.example.gov.pk', printer: { name: 'Receipts-80mm' } }),
  )
  vi.stubEnv('DARWAZA_GATEWAY_URL', 'http://127.0.0.1:4000')
  vi.stubEnv('NODE_ENV', 'development')
  fake.failingLoads = 1
  fake.printers = []
  await import('./main.ts')
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1))
  const window = fake.windows[0]
  expect(window?.options).toMatchObject({
    kiosk: false,
    webPreferences: { preload: path.join(import.meta.dirname, 'preload.cjs'), sandbox: true, devTools: true },
  })
  expect(window?.loaded).toEqual(['app://kiosk/index.html'])
  expect(errors).toHaveBeenCalledWith(expect.stringContaining('failed to load app://kiosk (-106'))
  expect(logs).toHaveBeenCalledWith(`kiosk: configuration from ${configFile}`)

  await vi.advanceTimersByTimeAsync(loadRetryDelayMs)
  expect(window?.loaded).toEqual(['app://kiosk/index.html', 'app://kiosk/index.html'])
  expect(fake.app.exitCode).toBeUndefined()
  expect(fake.errorBoxes).toEqual([])
})

it('reads the file, with the environment’s override, and looks at the printer while it runs', async () => {
  const window = fake.windows[0]
  const sent = () => window?.webContents.sent.filter(([channel]) => channel === ipcChannels.kioskStateChanged)
  const deviceInfo = fake.ipcHandlers.get(ipcChannels.deviceInfo)
  expect(deviceInfo?.({ senderFrame: { url: 'app://kiosk/index.html' } })).toMatchObject({
    gatewayUrl: 'http://127.0.0.1:4000',
  })
  await vi.waitFor(() =>
    expect(sent()).toEqual([
      [ipcChannels.kioskStateChanged, { enrolment: 'unenrolled', printerProblem: 'no printer is installed' }],
    ]),
  )

  fake.printers = [{ name: 'Receipts-80mm', displayName: 'Receipts 80mm', description: '', options: {} }]
  await vi.advanceTimersByTimeAsync(heartbeatMs)
  expect(sent()?.at(-1)).toEqual([ipcChannels.kioskStateChanged, { enrolment: 'unenrolled', printerProblem: null }])

  fake.printers = [{ name: 'Office-A4', displayName: 'Office A4', description: '', options: {} }]
  await vi.advanceTimersByTimeAsync(heartbeatMs)
  expect(sent()?.at(-1)).toEqual([
    ipcChannels.kioskStateChanged,
    { enrolment: 'unenrolled', printerProblem: 'the printer "Receipts-80mm" is not installed' },
  ])
})
