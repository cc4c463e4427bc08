// The entry point against a fake `electron`, configured through the environment as on a real kiosk.
// One start per file: main.ts starts the shell when it is imported.
import path from 'node:path'
import { afterAll, expect, it, vi } from 'vitest'
import { fake } from './fake-electron.ts'
import { loadRetryDelayMs } from './policy.ts'

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron)

afterAll(() => {
  vi.unstubAllEnvs()
  vi.useRealTimers()
  vi.restoreAllMocks()
})

it('starts offline, keeps running and retries loading the app after a delay', async () => {
  vi.useFakeTimers()
  const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
  vi.stubEnv('DARWAZA_GATEWAY_URL', 'https://gateway.example.gov.pk')
  vi.stubEnv('NODE_ENV', 'development')
  fake.failingLoads = 1
  await import('./main.ts')
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1))
  const window = fake.windows[0]
  expect(window?.options).toMatchObject({
    kiosk: false,
    webPreferences: { preload: path.join(import.meta.dirname, 'preload.cjs'), sandbox: true, devTools: true },
  })
  expect(window?.loaded).toEqual(['app://kiosk/index.html'])
  expect(errors).toHaveBeenCalledWith(expect.stringContaining('failed to load app://kiosk (-106'))

  await vi.advanceTimersByTimeAsync(loadRetryDelayMs)
  expect(window?.loaded).toEqual(['app://kiosk/index.html', 'app://kiosk/index.html'])
  expect(fake.app.exitCode).toBeUndefined()
  expect(fake.errorBoxes).toEqual([])
})
