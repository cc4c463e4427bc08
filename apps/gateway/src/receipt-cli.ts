// Checks a Darwaza receipt offline: `pnpm receipt:verify receipt.json --key <keyId>=<publicKey>`, or
// with the keys the gateway publishes: `--keys-url https://gateway.example/.well-known/darwaza/gateway-keys.json`.
// Exits 0 when the signature is valid, 1 when it is not, 2 on a usage error.
import path from 'node:path'
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { SignedReceipt, verifyReceipt } from '@darwaza/contracts/receipts'
import { z } from 'zod'

// pnpm runs this in apps/gateway; file names are meant from where the command was typed.
// eslint-disable-next-line no-restricted-properties -- a command-line tool of its own
const typedIn = process.env.INIT_CWD ?? process.cwd()
const fromTypedIn = (file: string) => path.resolve(typedIn, file)

function usage(message: string): never {
  console.error(
    `${message}\n\nUsage: pnpm receipt:verify <receipt.json> (--key <keyId>=<publicKey> | --keys-url <url>)`,
  )
  process.exit(2)
}

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: { key: { type: 'string', multiple: true }, 'keys-url': { type: 'string' } },
  allowPositionals: true,
  strict: true,
})
const file = positionals[0] ?? usage('Name the receipt file.')
const parsed = SignedReceipt.safeParse(JSON.parse(readFileSync(fromTypedIn(file), 'utf8')))
if (!parsed.success) usage(`${file} is not a Darwaza receipt: ${parsed.error.issues[0]?.message ?? ''}`)

const keys = new Map<string, string>()
for (const pair of values.key ?? []) {
  const [keyId = '', publicKey = ''] = pair.split('=')
  keys.set(keyId, publicKey)
}
if (values['keys-url']) {
  const published = z
    .object({ keys: z.array(z.object({ keyId: z.string(), publicKey: z.string() })) })
    .parse(await (await fetch(values['keys-url'])).json())
  for (const key of published.keys) keys.set(key.keyId, key.publicKey)
}
if (keys.size === 0) usage('Give the gateway key with --key or --keys-url.')

const { content } = parsed.data
if (verifyReceipt(parsed.data, keys)) {
  console.log(
    `VALID  ${content.trackingNumber}: ${content.title.en}, ${content.department.en}, submitted ${content.submittedAt}`,
  )
  process.exit(0)
}
console.log(
  `NOT VALID  ${content.trackingNumber}: the signature does not match this content and key ${parsed.data.signature.keyId}`,
)
process.exit(1)
