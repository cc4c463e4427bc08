// The packaging configuration as electron-builder reads it: every Electron fuse set on purpose, the
// app in an integrity-checked asar, and installers for the systems service centres run.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'

const config = load(readFileSync(path.join(import.meta.dirname, 'electron-builder.yml'), 'utf8')) as {
  asar?: unknown
  files?: unknown
  electronFuses?: Record<string, unknown>
  win?: { target?: unknown }
  linux?: { target?: unknown; maintainer?: unknown }
}

const expectedFuses = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
}

/** The fuses the installed electron-builder can set, from its own configuration schema. */
function fusesElectronBuilderSets(): string[] {
  const fromKiosk = createRequire(import.meta.url)
  const fromBuilder = createRequire(fromKiosk.resolve('electron-builder'))
  const scheme = JSON.parse(readFileSync(fromBuilder.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
    definitions: { FuseOptionsV1: { properties: Record<string, unknown> } }
  }
  // Not a fuse: a macOS re-signing step after flipping them, and the kiosk is not built for macOS.
  return Object.keys(scheme.definitions.FuseOptionsV1.properties).filter((name) => name !== 'resetAdHocDarwinSignature')
}

describe('kiosk packaging', () => {
  it('sets every Electron fuse explicitly, each to the locked-down value', () => {
    expect(config.electronFuses).toEqual(expectedFuses)
  })

  it('leaves no fuse that electron-builder knows unset (an upgrade that adds one fails here)', () => {
    expect(Object.keys(expectedFuses).sort()).toEqual(fusesElectronBuilderSets().sort())
  })

  it('packs the app in an asar whose integrity Electron checks, and loads it from nowhere else', () => {
    expect(config.asar).toBe(true)
    expect(config.electronFuses).toMatchObject({
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    })
  })

  it('ships the built app only, not its sources nor the web view’s compressed copies', () => {
    expect(config.files).toEqual(['dist/**', '!dist/**/*.{br,gz}', 'dist-electron/**', 'package.json'])
  })

  it('builds an NSIS installer for Windows, and an AppImage and a deb for Linux', () => {
    expect(config.win?.target).toEqual(['nsis'])
    expect(config.linux?.target).toEqual(expect.arrayContaining(['AppImage', 'deb']))
    expect(config.linux?.maintainer).toEqual(expect.any(String))
  })
})
