// The entry point against a fake `electron`, started with a configuration file that has mistakes.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, expect, it, vi } from 'vitest'
import { fake } from './fake-electron.ts'

vi.mock('electron', async () => (await import('./fake-electron.ts')).fakeElectron)

afterAll(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

it('stops with a message naming the file, each bad field and why, before opening any window', async () => {
  vi.spyOn(console, 'error').mockImplementation(() => {})
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'kiosk-config-')), 'hall-a.json')
  writeFileSync(file, JSON.stringify({ printer: { paperFormat: 'letter' }, idleSeconds: 5, colour: 'blue' }))
  vi.stubEnv('DARWAZA_KIOSK_CONFIG', file)
  await import('./main.ts')
  await vi.waitFor(() => expect(fake.app.exitCode).toBe(1))
  expect(fake.errorBoxes).toEqual([
    {
      title: 'The Darwaza kiosk cannot start',
      content: [
        `Invalid kiosk configuration file ${file}:`,
        '  printer.paperFormat: must be thermal-80mm (an 80 mm receipt roll) or a4',
        '  idleSeconds: must be a whole number of seconds from 30 to 1800',
        '  colour: is not a kiosk setting',
      ].join('\n'),
    },
  ])
  expect(fake.windows).toHaveLength(0)
})
