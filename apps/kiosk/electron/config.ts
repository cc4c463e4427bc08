// The kiosk shell's configuration: a JSON file (kiosk-config.example.json shows every setting), whose
// single values DARWAZA_* environment variables may override for development. The only module of the
// shell that reads process.env.
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import type { KioskLanguage, PaperFormat } from '../src/kiosk-bridge.ts'
import type { Peripheral } from './policy.ts'

/** The file's name in the shell's user-data folder, when DARWAZA_KIOSK_CONFIG names no other. */
export const configFileName = 'kiosk-config.json'
const maxConfigFileBytes = 64 * 1024

export interface KioskConfig {
  gatewayOrigin: string
  label: string | null
  /** The printer's system name; null prints to the system's default printer. */
  printerName: string | null
  paperFormat: PaperFormat
  /** A one-time code from the platform admin; used once, when the kiosk has no credential yet. */
  enrolmentCode: string | null
  /** Seconds without a touch or key before the screen warns and then forgets the citizen. */
  idleSeconds: number
  /** The language each citizen's session starts in (they can switch on every screen). */
  defaultLanguage: KioskLanguage
  /** Devices the page may reach (a card reader, a scanner); every other permission is refused. */
  peripherals: Peripheral[]
  /** Production locks the shell down fully: kiosk window, no devtools, no reload or zoom shortcuts. */
  production: boolean
  /** The configuration file the settings were read from, or null when there was none. */
  configFile: string | null
}

const originMessage =
  'must be an http:// or https:// origin with no path, query or credentials, such as https://gateway.example.gov.pk'
const httpOrigin = z
  .string({ error: originMessage })
  .refine((value) => {
    if (!URL.canParse(value)) return false
    const url = new URL(value)
    const bare = !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash
    return ['http:', 'https:'].includes(url.protocol) && bare
  }, originMessage)
  .transform((value) => new URL(value).origin)

const text = (max: number) =>
  z
    .string({ error: 'must be text' })
    .trim()
    .min(1, 'must not be empty (leave the setting out instead)')
    .max(max, `must be at most ${max} characters`)

const enrolmentCodeMessage = 'must look like ABCD-EFGH-JKMN'
const enrolmentCode = z
  .string({ error: enrolmentCodeMessage })
  .trim()
  .toUpperCase()
  .regex(/^[A-HJ-KM-NP-Z2-9]{4}-[A-HJ-KM-NP-Z2-9]{4}-[A-HJ-KM-NP-Z2-9]{4}$/, enrolmentCodeMessage)

const idleMessage = 'must be a whole number of seconds from 30 to 1800'
const idleSeconds = z.number({ error: idleMessage }).int(idleMessage).min(30, idleMessage).max(1800, idleMessage)

const language = z.enum(['en', 'ur', 'ar'], { error: 'must be en, ur or ar' })
const paperFormat = z.enum(['thermal-80mm', 'a4'], {
  error: 'must be thermal-80mm (an 80 mm receipt roll) or a4',
})

const usbIdMessage = 'must be a USB id: a whole number from 0 to 65535, or hexadecimal such as "0x0403"'
const usbId = z.union([z.number(), z.string()], { error: usbIdMessage }).transform((value, context) => {
  const id = typeof value === 'number' ? value : /^0x[0-9a-f]{1,4}$/i.test(value) ? parseInt(value, 16) : NaN
  if (Number.isInteger(id) && id >= 0 && id <= 0xffff) return id
  context.addIssue({ code: 'custom', message: usbIdMessage })
  return z.NEVER
})

const peripheral = z
  .strictObject(
    {
      name: text(80),
      type: z.enum(['hid', 'serial', 'usb'], {
        error: 'must be hid, serial or usb (the Web API the page reaches the device through)',
      }),
      vendorId: usbId.optional(),
      productId: usbId.optional(),
    },
    { error: 'must be an object with name, type and optionally vendorId and productId' },
  )
  .refine((device) => device.productId === undefined || device.vendorId !== undefined, {
    message: 'needs a vendorId too: a product id means nothing without its vendor',
    path: ['productId'],
  })

const FileSchema = z.strictObject(
  {
    gatewayUrl: httpOrigin.optional(),
    label: text(80).nullable().optional(),
    enrolmentCode: enrolmentCode.nullable().optional(),
    printer: z
      .strictObject(
        { name: text(200).nullable().optional(), paperFormat: paperFormat.optional() },
        { error: 'must be an object with name and paperFormat' },
      )
      .optional(),
    idleSeconds: idleSeconds.optional(),
    defaultLanguage: language.optional(),
    peripherals: z
      .array(peripheral, { error: 'must be a list of devices' })
      .max(8, 'must list at most 8 devices')
      .optional(),
  },
  { error: 'must be a JSON object of settings' },
)

const EnvSchema = z.object({
  DARWAZA_GATEWAY_URL: httpOrigin.optional(),
  DARWAZA_KIOSK_LABEL: text(80).optional(),
  DARWAZA_PRINTER: text(200).optional(),
  DARWAZA_PAPER_FORMAT: paperFormat.optional(),
  DARWAZA_ENROLMENT_CODE: enrolmentCode.optional(),
  DARWAZA_IDLE_SECONDS: z.coerce.number({ error: idleMessage }).pipe(idleSeconds).optional(),
  DARWAZA_DEFAULT_LANGUAGE: language.optional(),
  NODE_ENV: z
    .enum(['production', 'development', 'test'], { error: 'must be production, development or test' })
    .default('production'),
})

type Environment = Record<string, string | undefined>

/** The file the shell reads its settings from: DARWAZA_KIOSK_CONFIG, or kiosk-config.json in userData. */
export function kioskConfigPath(userDataDir: string, env: Environment = process.env): string {
  const named = env.DARWAZA_KIOSK_CONFIG?.trim()
  return named ? path.resolve(named) : path.join(userDataDir, configFileName)
}

/**
 * Reads the configuration file, then the environment's overrides, and validates both. A missing file
 * at the default place means defaults; one that DARWAZA_KIOSK_CONFIG names must exist.
 */
export function loadKioskConfig(userDataDir: string, env: Environment = process.env): KioskConfig {
  const file = kioskConfigPath(userDataDir, env)
  const content = readConfigFile(file, Boolean(env.DARWAZA_KIOSK_CONFIG?.trim()))
  return parseKioskConfig(content === undefined ? null : { path: file, content }, env)
}

/** Validates a parsed configuration file (or none) and the environment's overrides; throws naming each bad field. */
export function parseKioskConfig(file: { path: string; content: unknown } | null, env: Environment): KioskConfig {
  const variables = Object.fromEntries(
    Object.keys(EnvSchema.shape).map((name) => [name, env[name]?.trim() ? env[name] : undefined] as const),
  )
  const fromFile = file ? FileSchema.safeParse(file.content) : FileSchema.safeParse({})
  const fromEnv = EnvSchema.safeParse(variables)
  const problems = [
    ...(fromFile.success ? [] : [`Invalid kiosk configuration file ${file?.path}:`, ...describe(fromFile.error)]),
    ...(fromEnv.success ? [] : ['Invalid kiosk configuration in the environment:', ...describe(fromEnv.error)]),
  ]
  if (!fromFile.success || !fromEnv.success) throw new Error(problems.join('\n'))

  const settings = fromFile.data
  const overrides = fromEnv.data
  return {
    gatewayOrigin: overrides.DARWAZA_GATEWAY_URL ?? settings.gatewayUrl ?? 'http://127.0.0.1:4000',
    label: overrides.DARWAZA_KIOSK_LABEL ?? settings.label ?? null,
    printerName: overrides.DARWAZA_PRINTER ?? settings.printer?.name ?? null,
    paperFormat: overrides.DARWAZA_PAPER_FORMAT ?? settings.printer?.paperFormat ?? 'thermal-80mm',
    enrolmentCode: overrides.DARWAZA_ENROLMENT_CODE ?? settings.enrolmentCode ?? null,
    idleSeconds: overrides.DARWAZA_IDLE_SECONDS ?? settings.idleSeconds ?? 120,
    defaultLanguage: overrides.DARWAZA_DEFAULT_LANGUAGE ?? settings.defaultLanguage ?? 'ur',
    peripherals: (settings.peripherals ?? []).map((device) => ({
      name: device.name,
      type: device.type,
      vendorId: device.vendorId ?? null,
      productId: device.productId ?? null,
    })),
    production: overrides.NODE_ENV === 'production',
    configFile: file?.path ?? null,
  }
}

/** The file's JSON, or undefined when an optional file is absent. */
function readConfigFile(file: string, mustExist: boolean): unknown {
  let source: string | null
  try {
    source = statSync(file).size <= maxConfigFileBytes ? readFileSync(file, 'utf8') : null
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' && !mustExist) return undefined
    const why =
      code === 'ENOENT'
        ? 'it does not exist (DARWAZA_KIOSK_CONFIG names it)'
        : ({ EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'it is a folder' }[code ?? ''] ??
          (error instanceof Error ? error.message : String(error)))
    throw new Error(`Cannot read the kiosk configuration file ${file}: ${why}`, { cause: error })
  }
  if (source === null) {
    throw new Error(`The kiosk configuration file ${file} is larger than 64 KB; it should hold a few settings only`)
  }
  try {
    // Notepad on Windows may save a byte-order mark, which JSON.parse refuses.
    return JSON.parse(source.replace(/^\uFEFF/, ''))
  } catch (error) {
    // eslint-disable-next-line preserve-caught-error -- the parser's message quotes the file, which may hold the enrolment code
    throw new Error(`The kiosk configuration file ${file} is not valid JSON${whereParsingFailed(source, error)}`)
  }
}

/** Line and column from V8's message, never the quoted text around it (it may hold the enrolment code). */
function whereParsingFailed(source: string, error: unknown): string {
  const message = error instanceof Error ? error.message : ''
  if (/unexpected end/i.test(message)) return ': it ends before the last value or bracket is closed'
  const position = /at position (\d+)/.exec(message)?.[1]
  if (position === undefined) return ''
  const before = source
    .replace(/^\uFEFF/, '')
    .slice(0, Number(position))
    .split('\n')
  return `: a mistake at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`
}

function describe(error: z.ZodError): string[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `  ${fieldName([...issue.path, key])}: is not a kiosk setting`)
    }
    return [`  ${fieldName(issue.path) || '(the whole file)'}: ${issue.message}`]
  })
}

/** printer.paperFormat, peripherals[0].vendorId */
function fieldName(fieldPath: readonly PropertyKey[]): string {
  return fieldPath
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index > 0 ? '.' : ''}${String(part)}`))
    .join('')
}
