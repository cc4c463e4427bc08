// Onboarding departments: what a platform admin registers, and the states a department moves through.
import { z } from 'zod'
import { DepartmentCode } from './catalogue.ts'
import { Ed25519PublicKey, KeyId } from './department-protocol/signatures-schema.ts'
import { LocalizedText } from './localized.ts'

/** sandbox: only staff and test identities may use its services; live: everyone; suspended: no one. */
export const DepartmentState = z.enum(['sandbox', 'live', 'suspended'])
export type DepartmentState = z.infer<typeof DepartmentState>

export const DepartmentContact = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(120),
  email: z.email('is not an email address').max(200),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{7,20}$/, 'is not a phone number')
    .optional(),
})

export const ServiceBaseUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' })
  .max(300)
  // Checks run on after a failed one: an address z.url() refused is reported there, not thrown on here.
  .refine(
    (url) => !URL.canParse(url) || (!new URL(url).search && !new URL(url).hash),
    'must not carry a query or fragment',
  )

export const DepartmentKeyInput = z.strictObject({ keyId: KeyId, publicKey: Ed25519PublicKey })

export const CreateDepartmentInput = z.strictObject({
  code: DepartmentCode,
  name: LocalizedText,
  contact: DepartmentContact,
  baseUrl: ServiceBaseUrl,
  keys: z.array(DepartmentKeyInput).min(1, 'register at least one public key').max(5),
  /** How status changes reach the gateway: signed callbacks (default), or the gateway polls. */
  statusUpdates: z.enum(['callback', 'polling']).optional(),
})
export type CreateDepartmentInput = z.infer<typeof CreateDepartmentInput>

export const UpdateDepartmentInput = z.strictObject({
  code: DepartmentCode,
  name: LocalizedText.optional(),
  contact: DepartmentContact.optional(),
  baseUrl: ServiceBaseUrl.optional(),
  statusUpdates: z.enum(['callback', 'polling']).optional(),
})

export const DepartmentRef = z.strictObject({ code: DepartmentCode })
export const AddDepartmentKeyInput = z.strictObject({ code: DepartmentCode, keyId: KeyId, publicKey: Ed25519PublicKey })
export const RevokeDepartmentKeyInput = z.strictObject({ code: DepartmentCode, keyId: KeyId })
export const SetDepartmentStateInput = z.strictObject({ code: DepartmentCode, state: DepartmentState })

export const ConformanceCheck = z.object({
  name: z.string(),
  passed: z.boolean(),
  reason: z.string().optional(),
})
export type ConformanceCheck = z.infer<typeof ConformanceCheck>

export const ConformanceReport = z.object({
  passed: z.boolean(),
  checkedAt: z.string(),
  baseUrl: z.string(),
  checks: z.array(ConformanceCheck),
})
export type ConformanceReport = z.infer<typeof ConformanceReport>
