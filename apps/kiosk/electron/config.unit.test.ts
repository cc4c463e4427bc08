import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { kioskConfigPath, loadKioskConfig, parseKioskConfig } from './config.ts'

const defaults = {
  gatewayOrigin: 'http://127.0.0.1:4000',
  label: null,
  printerName: null,
  paperFormat: 'thermal-80mm',
  enrolmentCode: null,
  idleSeconds: 120,
  defaultLanguage: 'ur',
  peripherals: [],
  production: true,
  configFile: null,
}

function userDataWith(content?: string | object) {
  const folder = mkdtempSync(path.join(tmpdir(), 'kiosk-config-'))
  if (content !== undefined) {
    const text = typeof content === 'string' ? content : JSON.stringify(content)
    writeFileSync(path.join(folder, 'kiosk-config.json'), text)
  }
  return folder
}

const fromFile = (content: unknown) => parseKioskConfig({ path: '/etc/darwaza/kiosk-config.json', content }, {})

describe('kiosk configuration file', () => {
  it('is kiosk-config.json in the user-data folder, or the file DARWAZA_KIOSK_CONFIG names', () => {
    expect(kioskConfigPath('/home/kiosk/.config/Darwaza Kiosk', {})).toBe(
      path.join('/home/kiosk/.config/Darwaza Kiosk', 'kiosk-config.json'),
    )
    expect(kioskConfigPath('/ignored', { DARWAZA_KIOSK_CONFIG: ' /etc/darwaza/kiosk.json ' })).toBe(
      '/etc/darwaza/kiosk.json',
    )
  })

  it('reads every setting of the example file', () => {
    const example = path.join(import.meta.dirname, 'kiosk-config.example.json')
    expect(loadKioskConfig('/nonexistent', { DARWAZA_KIOSK_CONFIG: example })).toEqual({
      gatewayOrigin: 'https://gateway.example.gov.pk',
      label: 'Hall A, kiosk 3',
      printerName: 'Receipts-80mm',
      paperFormat: 'thermal-80mm',
      enrolmentCode: 'ABCD-EFGH-JKM2',
      idleSeconds: 120,
      defaultLanguage: 'ur',
      peripherals: [{ name: 'ID card reader', type: 'hid', vendorId: 0x076b, productId: 0x5321 }],
      production: true,
      configFile: example,
    })
  })

  it('reads the file from the user-data folder', () => {
    const folder = userDataWith({ gatewayUrl: 'https://gateway.example.gov.pk', printer: { paperFormat: 'a4' } })
    expect(loadKioskConfig(folder, {})).toEqual({
      ...defaults,
      gatewayOrigin: 'https://gateway.example.gov.pk',
      paperFormat: 'a4',
      configFile: path.join(folder, 'kiosk-config.json'),
    })
  })

  it('uses the defaults when the user-data folder has no file', () => {
    expect(loadKioskConfig(userDataWith(), {})).toEqual(defaults)
  })

  it('lets environment variables override single values of the file', () => {
    const folder = userDataWith({
      gatewayUrl: 'https://gateway.example.gov.pk',
      label: 'Hall A',
      printer: { name: 'Receipts-80mm', paperFormat: 'thermal-80mm' },
      idleSeconds: 300,
      defaultLanguage: 'en',
    })
    const config = loadKioskConfig(folder, {
      DARWAZA_GATEWAY_URL: 'http://127.0.0.1:4000',
      DARWAZA_PRINTER: 'Office-A4',
      DARWAZA_PAPER_FORMAT: 'a4',
      DARWAZA_IDLE_SECONDS: '',
      NODE_ENV: 'development',
    })
    expect(config).toMatchObject({
      gatewayOrigin: 'http://127.0.0.1:4000',
      label: 'Hall A',
      printerName: 'Office-A4',
      paperFormat: 'a4',
      idleSeconds: 300,
      defaultLanguage: 'en',
      production: false,
    })
  })

  it('takes null for a setting left unset, and USB ids as numbers or hexadecimal', () => {
    expect(
      fromFile({
        label: null,
        enrolmentCode: null,
        printer: { name: null },
        peripherals: [
          { name: 'Token scanner', type: 'serial', vendorId: 1027 },
          { name: 'Fingerprint reader', type: 'usb' },
        ],
      }),
    ).toMatchObject({
      label: null,
      enrolmentCode: null,
      printerName: null,
      peripherals: [
        { name: 'Token scanner', type: 'serial', vendorId: 1027, productId: null },
        { name: 'Fingerprint reader', type: 'usb', vendorId: null, productId: null },
      ],
    })
  })

  it('reads a file saved with a byte-order mark', () => {
    const folder = userDataWith('\uFEFF{ "idleSeconds": 90 }')
    expect(loadKioskConfig(folder, {}).idleSeconds).toBe(90)
  })

  it.each([
    [{ gatewayUrl: 'https://gateway.example.gov.pk/trpc' }, 'gatewayUrl: must be an http:// or https:// origin'],
    [{ gatewayUrl: 42 }, 'gatewayUrl: must be an http:// or https:// origin'],
    [{ label: '' }, 'label: must not be empty (leave the setting out instead)'],
    [{ enrolmentCode: 'ABCD' }, 'enrolmentCode: must look like ABCD-EFGH-JKMN'],
    [{ printer: { paperFormat: 'letter' } }, 'printer.paperFormat: must be thermal-80mm (an 80 mm receipt roll) or a4'],
    [{ printer: 'Receipts-80mm' }, 'printer: must be an object with name and paperFormat'],
    [{ printer: { name: 'x'.repeat(201) } }, 'printer.name: must be at most 200 characters'],
    [{ idleSeconds: '90' }, 'idleSeconds: must be a whole number of seconds from 30 to 1800'],
    [{ idleSeconds: 10 }, 'idleSeconds: must be a whole number of seconds from 30 to 1800'],
    [{ defaultLanguage: 'fr' }, 'defaultLanguage: must be en, ur or ar'],
    [{ idelSeconds: 90 }, 'idelSeconds: is not a kiosk setting'],
    [{ printer: { paper: 'a4' } }, 'printer.paper: is not a kiosk setting'],
    [{ peripherals: 'hid' }, 'peripherals: must be a list of devices'],
    [{ peripherals: [{ name: 'Reader', type: 'bluetooth' }] }, 'peripherals[0].type: must be hid, serial or usb'],
    [{ peripherals: [{ name: 'Reader', type: 'hid', vendorId: 70000 }] }, 'peripherals[0].vendorId: must be a USB id'],
    [{ peripherals: [{ name: 'Reader', type: 'hid', vendorId: '076B' }] }, 'peripherals[0].vendorId: must be a USB id'],
    [{ peripherals: [{ name: 'Reader', type: 'hid', productId: 1 }] }, 'peripherals[0].productId: needs a vendorId'],
    [{ peripherals: [{ type: 'hid' }] }, 'peripherals[0].name: must be text'],
    [{ peripherals: Array(9).fill({ name: 'Reader', type: 'hid' }) }, 'peripherals: must list at most 8 devices'],
    [[], '(the whole file): must be a JSON object of settings'],
    ['kiosk', '(the whole file): must be a JSON object of settings'],
  ])('refuses %o, naming the file, the field and why', (content, message) => {
    expect(() => fromFile(content)).toThrow(`Invalid kiosk configuration file /etc/darwaza/kiosk-config.json:\n  `)
    expect(() => fromFile(content)).toThrow(message)
  })

  it('lists every bad field of the file and the environment at once', () => {
    expect(() =>
      parseKioskConfig(
        { path: '/etc/darwaza/kiosk-config.json', content: { idleSeconds: 5, printer: { paperFormat: 'b5' } } },
        { DARWAZA_GATEWAY_URL: 'gateway' },
      ),
    ).toThrow(
      /^Invalid kiosk configuration file \/etc\/darwaza\/kiosk-config\.json:\n {2}printer\.paperFormat: .+\n {2}idleSeconds: .+\nInvalid kiosk configuration in the environment:\n {2}DARWAZA_GATEWAY_URL: .+$/,
    )
  })

  it('says where a file is not valid JSON without repeating what it holds', () => {
    const folder = userDataWith('{\n  "enrolmentCode": "ABCD-EFGH-JKM2"\n  "idleSeconds": 90\n}')
    const file = path.join(folder, 'kiosk-config.json')
    let message = ''
    try {
      loadKioskConfig(folder, {})
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toBe(`The kiosk configuration file ${file} is not valid JSON: a mistake at line 3, column 3`)
    expect(() => loadKioskConfig(userDataWith('{ "idleSeconds": '), {})).toThrow(
      'is not valid JSON: it ends before the last value or bracket is closed',
    )
  })

  it('stops when the file DARWAZA_KIOSK_CONFIG names does not exist', () => {
    const missing = path.join(userDataWith(), 'kiosk.json')
    expect(() => loadKioskConfig('/ignored', { DARWAZA_KIOSK_CONFIG: missing })).toThrow(
      `Cannot read the kiosk configuration file ${missing}: it does not exist (DARWAZA_KIOSK_CONFIG names it)`,
    )
  })

  it('stops when the file cannot be read or is far too large', () => {
    const folder = userDataWith()
    mkdirSync(path.join(folder, 'kiosk-config.json'))
    expect(() => loadKioskConfig(folder, {})).toThrow(
      `Cannot read the kiosk configuration file ${path.join(folder, 'kiosk-config.json')}: it is a folder`,
    )
    const large = userDataWith(`{ "label": "${'x'.repeat(70_000)}" }`)
    expect(() => loadKioskConfig(large, {})).toThrow('is larger than 64 KB')
  })
})

describe('kiosk configuration from the environment', () => {
  const fromEnv = (env: Record<string, string | undefined>) => parseKioskConfig(null, env)

  it('reads the gateway origin, label and printer, and defaults to production', () => {
    expect(
      fromEnv({
        DARWAZA_GATEWAY_URL: 'https://Gateway.Example.gov.pk:443/',
        DARWAZA_KIOSK_LABEL: ' Hall A, kiosk 3 ',
        DARWAZA_PRINTER: 'Receipts-80mm',
      }),
    ).toEqual({
      ...defaults,
      gatewayOrigin: 'https://gateway.example.gov.pk',
      label: 'Hall A, kiosk 3',
      printerName: 'Receipts-80mm',
    })
  })

  it('treats empty variables as unset and ignores every other variable', () => {
    expect(
      fromEnv({ DARWAZA_GATEWAY_URL: '', DARWAZA_KIOSK_LABEL: '  ', NODE_ENV: 'development', HOME: '/root' }),
    ).toEqual({ ...defaults, production: false })
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
    [{ DARWAZA_PAPER_FORMAT: 'letter' }, 'DARWAZA_PAPER_FORMAT: must be thermal-80mm (an 80 mm receipt roll) or a4'],
  ])('refuses %o, naming the variable and why', (env, message) => {
    expect(() => fromEnv(env)).toThrow(`Invalid kiosk configuration in the environment:\n  `)
    expect(() => fromEnv(env)).toThrow(message)
  })

  it('takes the language a session starts in', () => {
    expect(fromEnv({ DARWAZA_DEFAULT_LANGUAGE: 'ar' }).defaultLanguage).toBe('ar')
    expect(() => fromEnv({ DARWAZA_DEFAULT_LANGUAGE: 'fr' })).toThrow('DARWAZA_DEFAULT_LANGUAGE: must be en, ur or ar')
  })

  it('takes the idle time in seconds and the paper format', () => {
    expect(fromEnv({ DARWAZA_IDLE_SECONDS: '300' }).idleSeconds).toBe(300)
    expect(fromEnv({ DARWAZA_PAPER_FORMAT: 'a4' }).paperFormat).toBe('a4')
  })

  it('takes an enrolment code in any case', () => {
    expect(fromEnv({ DARWAZA_ENROLMENT_CODE: 'abcd-efgh-jkm2' }).enrolmentCode).toBe('ABCD-EFGH-JKM2')
  })

  it('lists every bad variable at once', () => {
    expect(() => fromEnv({ DARWAZA_GATEWAY_URL: 'gateway', NODE_ENV: 'prod' })).toThrow(
      /^Invalid kiosk configuration in the environment:\n {2}DARWAZA_GATEWAY_URL: .+\n {2}NODE_ENV: .+$/,
    )
  })
})
