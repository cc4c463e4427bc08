import { describe, expect, it } from 'vitest'
import { loadKioskConfig } from './config.ts'

describe('kiosk configuration', () => {
  it('reads the gateway origin, label and printer, and defaults to production', () => {
    expect(
      loadKioskConfig({
        DARWAZA_GATEWAY_URL: 'https://Gateway.Example.gov.pk:443/',
        DARWAZA_KIOSK_LABEL: ' Hall A, kiosk 3 ',
        DARWAZA_PRINTER: 'Receipts-80mm',
      }),
    ).toEqual({
      gatewayOrigin: 'https://gateway.example.gov.pk',
      label: 'Hall A, kiosk 3',
      printerName: 'Receipts-80mm',
      enrolmentCode: null,
      idleSeconds: 120,
      defaultLanguage: 'ur',
      production: true,
    })
  })

  it('treats empty variables as unset and ignores every other variable', () => {
    expect(
      loadKioskConfig({ DARWAZA_GATEWAY_URL: '', DARWAZA_KIOSK_LABEL: '  ', NODE_ENV: 'development', HOME: '/root' }),
    ).toEqual({
      gatewayOrigin: 'http://127.0.0.1:4000',
      label: null,
      printerName: null,
      enrolmentCode: null,
      idleSeconds: 120,
      defaultLanguage: 'ur',
      production: false,
    })
  })

  it.each([
    [{ DARWAZA_GATEWAY_URL: 'gateway' }, 'DARWAZA_GATEWAY_URL: must be an http:// or https:// origin'],
    [{ DARWAZA_GATEWAY_URL: 'file:///etc' }, 'DARWAZA_GATEWAY_URL: must be an http:// or https:// origin'],
    [{ DARWAZA_GATEWAY_URL: 'javascript:alert(1)' }, 'DARWAZA_GATEWAY_URL: must be an http'],
    [{ DARWAZA_GATEWAY_URL: 'https://gateway.example.gov.pk/trpc' }, 'DARWAZA_GATEWAY_URL: must be an http'],
    [{ DARWAZA_GATEWAY_URL: 'https://gateway.example.gov.pk/?x=1' }, 'DARWAZA_GATEWAY_URL: must be an http'],
    [{ DARWAZA_GATEWAY_URL: 'https://kiosk:secret@gateway.example.gov.pk' }, 'DARWAZA_GATEWAY_URL: must be an http'],
    [{ DARWAZA_KIOSK_LABEL: 'x'.repeat(81) }, 'DARWAZA_KIOSK_LABEL: must be at most 80 characters'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV: must be production, development or test'],
    [{ DARWAZA_ENROLMENT_CODE: 'ABCD-EFGH' }, 'DARWAZA_ENROLMENT_CODE: must look like ABCD-EFGH-JKMN'],
    [{ DARWAZA_IDLE_SECONDS: '10' }, 'DARWAZA_IDLE_SECONDS: must be a whole number of seconds from 30 to 1800'],
    [{ DARWAZA_IDLE_SECONDS: 'soon' }, 'DARWAZA_IDLE_SECONDS: must be a whole number of seconds from 30 to 1800'],
    [{ DARWAZA_IDLE_SECONDS: '90.5' }, 'DARWAZA_IDLE_SECONDS: must be a whole number of seconds from 30 to 1800'],
  ])('refuses %o, naming the variable and why', (env, message) => {
    expect(() => loadKioskConfig(env)).toThrow(message)
  })

  it('takes the language a session starts in', () => {
    expect(loadKioskConfig({ DARWAZA_DEFAULT_LANGUAGE: 'ar' }).defaultLanguage).toBe('ar')
    expect(() => loadKioskConfig({ DARWAZA_DEFAULT_LANGUAGE: 'fr' })).toThrow(
      'DARWAZA_DEFAULT_LANGUAGE: must be en, ur or ar',
    )
  })

  it('takes the idle time in seconds', () => {
    expect(loadKioskConfig({ DARWAZA_IDLE_SECONDS: '300' }).idleSeconds).toBe(300)
  })

  it('takes an enrolment code in any case', () => {
    expect(loadKioskConfig({ DARWAZA_ENROLMENT_CODE: 'abcd-efgh-jkm2' }).enrolmentCode).toBe('ABCD-EFGH-JKM2')
  })

  it('lists every bad variable at once', () => {
    expect(() => loadKioskConfig({ DARWAZA_GATEWAY_URL: 'gateway', NODE_ENV: 'prod' })).toThrow(
      /^Invalid kiosk configuration:\n {2}DARWAZA_GATEWAY_URL: .+\n {2}NODE_ENV: .+$/,
    )
  })
})
