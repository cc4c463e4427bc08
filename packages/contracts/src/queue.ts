// The service centre's queue: tickets taken at a kiosk, called by clerks to a counter, and shown on
// the waiting hall's display.
import { z } from 'zod'
import { ServiceCategory } from './catalogue.ts'
import { Language, LocalizedText } from './localized.ts'

export const TicketState = z.enum(['waiting', 'called', 'serving', 'done', 'no_show'])
export type TicketState = z.infer<typeof TicketState>

export const TakeTicketInput = z.strictObject({ category: ServiceCategory, language: Language })

/** What the citizen is handed: the number to listen for and a fair idea of the wait. */
export const IssuedTicket = z.object({
  number: z.string(),
  category: ServiceCategory,
  issuedAt: z.date(),
  waitingAhead: z.int(),
  estimatedWaitMinutes: z.int(),
  serviceCentre: LocalizedText,
})
export type IssuedTicket = z.infer<typeof IssuedTicket>

/** A counter's label as it is painted above the desk: "3", "B2". */
export const CounterLabel = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(8, 'is at most 8 characters')
  .regex(/^[\p{L}\p{N} -]+$/u, 'may hold only letters, digits, spaces and dashes')

export const CallNextInput = z.strictObject({
  counter: CounterLabel,
  /** Only these categories (a counter that handles some services only); all when absent. */
  categories: z.array(ServiceCategory).min(1).max(8).optional(),
})
export const TicketRef = z.strictObject({ ticketId: z.string().min(1).max(64) })

export const ClerkTicket = z.object({
  id: z.string(),
  number: z.string(),
  category: ServiceCategory,
  state: TicketState,
  issuedAt: z.date(),
  calledAt: z.date().nullable(),
  timesCalled: z.int(),
  counter: z.string().nullable(),
  language: Language,
})
export type ClerkTicket = z.infer<typeof ClerkTicket>

/** The clerk's view of their centre's queue today. */
export const ClerkQueue = z.object({
  waiting: z.array(ClerkTicket),
  /** The ticket this clerk called or is serving, if any. */
  mine: ClerkTicket.nullable(),
})
export type ClerkQueue = z.infer<typeof ClerkQueue>

export const HallBoardInput = z.strictObject({ centre: z.string().trim().min(1).max(40) })

/** What the waiting hall's display shows: no names, only numbers and counters. */
export const HallBoard = z.object({
  serviceCentre: LocalizedText,
  /** Most recent call first. */
  called: z.array(z.object({ number: z.string(), counter: z.string(), calledAt: z.date() })),
  waiting: z.int(),
})
export type HallBoard = z.infer<typeof HallBoard>
