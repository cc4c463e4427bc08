import { z } from 'zod'
import { Language, LocalizedText } from './localized.ts'

/** As typed: the gateway checks it against the deployment's identity number format. */
export const IdentityNumberInput = z.string().trim().min(1, 'is required').max(24)

export const RequestCodeInput = z.strictObject({
  identityNumber: IdentityNumberInput,
  /** The language the text message with the code is written in; English when not given. */
  language: Language.optional(),
})
export const CodeChallenge = z.object({
  challengeId: z.uuid(),
  maskedPhone: z.string(),
  expiresAt: z.date(),
})
export type CodeChallenge = z.infer<typeof CodeChallenge>

export const OneTimeCode = z.string().regex(/^\d{6}$/, 'is 6 digits')
export const VerifyCodeInput = z.strictObject({ challengeId: z.uuid(), code: OneTimeCode })

export const SessionGrant = z.object({ token: z.string(), expiresAt: z.date(), name: z.string() })
export type SessionGrant = z.infer<typeof SessionGrant>

export const CitizenProfile = z.object({ name: z.string(), identityNumber: z.string(), maskedPhone: z.string() })

export const CitizenHistory = z.object({
  applications: z.array(
    z.object({
      trackingNumber: z.string(),
      status: z.string(),
      submittedAt: z.date(),
      service: z.string(),
      title: LocalizedText,
      department: LocalizedText,
      /** Every status the application has had, oldest first, with the department's message. */
      timeline: z.array(
        z.object({
          status: z.string(),
          at: z.date(),
          message: LocalizedText.nullable(),
          /** The name of a document the department issued with this step, to download. */
          document: LocalizedText.nullable(),
        }),
      ),
      voucher: z
        .object({
          psid: z.string(),
          amountMinor: z.int(),
          currency: z.string(),
          dueAt: z.date(),
          state: z.enum(['unpaid', 'paid']),
        })
        .nullable(),
    }),
  ),
  assistedSessions: z.array(
    z.object({
      id: z.string(),
      clerkName: z.string(),
      serviceCentre: LocalizedText.nullable(),
      consent: z.enum(['one_time_code', 'id_card_checked']),
      reason: z.string().nullable(),
      startedAt: z.date(),
      endedAt: z.date().nullable(),
      actions: z.array(z.object({ event: z.string(), at: z.date() })),
    }),
  ),
})
export type CitizenHistory = z.infer<typeof CitizenHistory>

export const StaffRole = z.enum(['clerk', 'department_officer', 'department_admin', 'platform_admin'])
export type StaffRole = z.infer<typeof StaffRole>

export const StaffSignInInput = z.strictObject({
  username: z.string().trim().min(1, 'is required').max(64),
  password: z.string().min(1, 'is required').max(256),
})
export const StaffSessionGrant = z.object({
  token: z.string(),
  expiresAt: z.date(),
  displayName: z.string(),
  role: StaffRole,
})

export const CreateStaffInput = z.strictObject({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9._-]{3,64}$/i, 'is 3 to 64 letters, digits, dots, dashes or underscores'),
  displayName: z.string().trim().min(1).max(120),
  password: z.string().min(12, 'must be at least 12 characters').max(256),
  role: StaffRole,
  serviceCentreId: z.string().optional(),
  departmentId: z.string().optional(),
})

/** The queue ticket the clerk called for this citizen, if they came with one: the session is linked to it. */
const QueueTicketId = z.string().min(1).max(64).optional()
export const ConsentByCodeInput = z.strictObject({ challengeId: z.uuid(), code: OneTimeCode, ticketId: QueueTicketId })
export const ConsentByIdCardInput = z.strictObject({
  identityNumber: IdentityNumberInput,
  reason: z.string().trim().min(10, 'say why, in at least 10 characters').max(500),
  ticketId: QueueTicketId,
})
export const AssistedSessionRef = z.strictObject({ assistedSessionId: z.string().min(1).max(64) })

export const CreateServiceCentreInput = z.strictObject({
  code: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'is lowercase letters and digits joined by hyphens')
    .max(40),
  name: LocalizedText,
})
export const RegisterKioskInput = z.strictObject({
  serviceCentreId: z.string().min(1).max(64),
  label: z.string().trim().min(1).max(80),
})
export const KioskRef = z.strictObject({ kioskId: z.string().min(1).max(64) })
export const EnrolKioskInput = z.strictObject({ enrolmentCode: z.string().trim().min(1).max(20) })
