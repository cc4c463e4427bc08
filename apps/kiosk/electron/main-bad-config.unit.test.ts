// The entry point against a fake `electron`, started with a bad environment variable.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, expect, it, vi } from 'vitest'
import { fake } from './fake-electron.ts'

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron)

afterAll(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

it('stops with a message naming the bad variable, before opening any window', async () => {
  vi.spyOn(console, 'error').mockImplementation(() => {})
  fake.userData = mkdtempSync(path.join(tmpdir(), 'kiosk-user-data-'))
  vi.stubEnv('DARWAZA_GATEWAY_URL', 'ftp://gateway.example.gov.pk')
  await import('./main.ts')
  await vi.waitFor(() => expect(fake.app.exitCode).toBe(1))
  expect(fake.errorBoxes).toEqual([
    {
      title: 'The Darwaza kiosk cannot start',
      content: expect.stringContaining('DARWAZA_GATEWAY_URL: must be an http'),
    },
  ])
  expect(fake.windows).toHaveLength(0)
})
