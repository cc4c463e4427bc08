// The department conformance kit as a command a department runs against its own endpoint:
//
//   pnpm conformance keygen --key-id dept-test-1 --out kit-key.pem
//       makes an Ed25519 key pair; give the public key it prints to your endpoint as a trusted
//       gateway key for the test (the real gateway's keys are at /.well-known/darwaza/gateway-keys.json)
//   pnpm conformance check --base-url https://dept.example/darwaza --key kit-key.pem --key-id dept-test-1 \
//       --department-key civil-registration-1=<public key> --entry birth-certificate.json [--entry ...] \
//       [--department civil-registration]
//       checks health, signature verification, a sample request for each service entry (the JSON
//       a department admin exports from the catalogue; its form schema's "examples" are the samples),
//       and that every answer is signed with one of the department's own keys (--department-key, the
//       keys it registers with the gateway; give several while rotating)
//
// Exits 0 when every check passes, 1 when one fails, 2 on a usage error.
import path from 'node:path'
import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { ServiceDraftInput } from '@darwaza/contracts/catalogue'
import {
  Ed25519PublicKey,
  generateSigningKeyPair,
  KeyId,
  loadPrivateKey,
} from '@darwaza/contracts/department-protocol/signatures'
import { runConformance } from './federation/conformance.ts'

// pnpm runs this in apps/gateway; file names are meant from where the command was typed.
// eslint-disable-next-line no-restricted-properties -- a command-line tool of its own
const typedIn = process.env.INIT_CWD ?? process.cwd()
const fromTypedIn = (file: string) => path.resolve(typedIn, file)

function usage(message: string): never {
  console.error(
    `${message}\n\nUsage:\n  pnpm conformance keygen --key-id <id> --out <file.pem>\n  pnpm conformance check --base-url <url> --key <file.pem> --key-id <id> --department-key <keyId>=<public key>... --entry <entry.json>... [--department <code>] [--timeout-ms 5000]`,
  )
  process.exit(2)
}

const [command, ...rest] = process.argv.slice(2)
const { values } = parseArgs({
  args: rest,
  options: {
    'base-url': { type: 'string' },
    key: { type: 'string' },
    'key-id': { type: 'string' },
    out: { type: 'string' },
    entry: { type: 'string', multiple: true },
    'department-key': { type: 'string', multiple: true },
    department: { type: 'string' },
    'timeout-ms': { type: 'string' },
  },
  strict: true,
})

if (command === 'keygen') {
  const keyId = values['key-id'] ?? usage('keygen needs --key-id')
  const out = values.out ?? usage('keygen needs --out')
  const pair = generateSigningKeyPair(keyId)
  writeFileSync(fromTypedIn(out), pair.privateKeyPem, { mode: 0o600, flag: 'wx' })
  console.log(`Wrote the private key to ${out} (keep it secret).\nPublic key for ${keyId}: ${pair.publicKey}`)
  process.exit(0)
}
if (command !== 'check') usage(`Unknown command "${command ?? ''}".`)

const baseUrl = values['base-url'] ?? usage('check needs --base-url')
const keyFile = values.key ?? usage('check needs --key')
const keyId = values['key-id'] ?? usage('check needs --key-id')
const entries = (values.entry ?? []).map((file) => {
  const parsed = ServiceDraftInput.safeParse(JSON.parse(readFileSync(fromTypedIn(file), 'utf8')))
  if (!parsed.success) usage(`${file} is not a catalogue entry: ${parsed.error.issues[0]?.message ?? ''}`)
  return parsed.data
})
if (entries.length === 0) usage('check needs at least one --entry')
const departmentKeys = new Map(
  (values['department-key'] ?? []).map((given) => {
    const [id = '', publicKey = ''] = given.split('=', 2)
    const keyId = KeyId.safeParse(id)
    const key = Ed25519PublicKey.safeParse(publicKey)
    if (!keyId.success || !key.success) {
      usage(`--department-key ${given} is not <keyId>=<Ed25519 public key in base64url>`)
    }
    return [keyId.data, key.data]
  }),
)
if (departmentKeys.size === 0) {
  usage('check needs --department-key <keyId>=<public key>: the key the department signs its answers with')
}

const report = await runConformance(
  {
    baseUrl,
    ...(values.department ? { departmentCode: values.department } : {}),
    departmentKeys,
    services: entries.map((entry) => ({
      slug: entry.slug,
      kind: entry.kind,
      version: 1,
      endpointPath: entry.endpointPath,
      formSchema: entry.formSchema,
      feeQuoted: entry.fee.kind === 'quoted',
    })),
  },
  {
    signer: { keyId, privateKey: loadPrivateKey(readFileSync(fromTypedIn(keyFile), 'utf8')) },
    timeoutMs: Number(values['timeout-ms'] ?? 5000),
  },
)
for (const check of report.checks) {
  console.log(`${check.passed ? 'PASS' : 'FAIL'}  ${check.name}${check.reason ? `\n      ${check.reason}` : ''}`)
}
console.log(report.passed ? `\nAll ${report.checks.length} checks passed.` : '\nThe endpoint does not conform yet.')
process.exit(report.passed ? 0 : 1)
