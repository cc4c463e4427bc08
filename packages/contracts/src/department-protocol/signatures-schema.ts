// The shapes of signing keys, without node:crypto, so forms in the web app can check them too.
import { z } from 'zod'

/** An Ed25519 public key as the raw 32 bytes in base64url (the "x" of its JWK). */
export const Ed25519PublicKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'an Ed25519 public key is 32 bytes in base64url (43 characters)')

export const KeyId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._:-]{1,80}$/, 'a key id is 1 to 80 letters, digits, dots, colons, hyphens or underscores')
