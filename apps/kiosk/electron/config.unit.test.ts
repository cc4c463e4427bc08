import { describe, expect, it } from 'vitest'
import { loadKioskConfig } from './config.ts'

describe('kiosk configuration', () => {
  it('keeps only the gateway origin and defaults to production', () => {
    expect(loadKioskConfig({ DARWAZA_GATEWAY_URL: 'https://gateway.example.gov.pk/some/path' })).toEqual({
      gatewayOrigin: 'https://gateway.example.gov.pk',
      label: null,
      printerName: null,
      production: true,
    })
  })

  it.each([
    [{ DARWAZA_GATEWAY_URL: 'gateway' }, /DARWAZA_GATEWAY_URL: must be an http/],
    [{ DARWAZA_GATEWAY_URL: 'file:///etc' }, /DARWAZA_GATEWAY_URL: must be an http/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV: /],
  ])('refuses %o, naming the variable', (env, message) => {
    expect(() => loadKioskConfig(env)).toThrow(message)
  })
})
