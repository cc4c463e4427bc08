import {
  CallNextInput,
  ClerkQueue,
  ClerkTicket,
  HallBoard,
  HallBoardInput,
  IssuedTicket,
  TakeTicketInput,
  TicketRef,
} from '@darwaza/contracts/queue'
import { callNext, clerkQueue, hallBoard, moveTicket, takeTicket, watchHallBoard } from '../services/queue.ts'
import { clerkProcedure, kioskProcedure, publicProcedure, router } from '../trpc.ts'

const ticketStep = (step: 'recall' | 'start_serving' | 'finish' | 'no_show') =>
  clerkProcedure
    .input(TicketRef)
    .output(ClerkTicket)
    .mutation(({ ctx, input }) => moveTicket(ctx.services.access, ctx.actor, ctx.device, input.ticketId, step))

export const queueRouter = router({
  /** A walk-in citizen at a kiosk takes a ticket for a counter; the kiosk says which centre. */
  takeTicket: kioskProcedure
    .input(TakeTicketInput)
    .output(IssuedTicket)
    .mutation(({ ctx, input }) => takeTicket(ctx.services.access, ctx.device, input)),
  forClerk: clerkProcedure.output(ClerkQueue).query(({ ctx }) => clerkQueue(ctx.services.access, ctx.actor)),
  callNext: clerkProcedure
    .input(CallNextInput)
    .output(ClerkTicket.nullable())
    .mutation(({ ctx, input }) => callNext(ctx.services.access, ctx.actor, ctx.device, input)),
  recall: ticketStep('recall'),
  startServing: ticketStep('start_serving'),
  finish: ticketStep('finish'),
  noShow: ticketStep('no_show'),
  /** The waiting hall's display: ticket numbers and counters, nothing personal. */
  board: publicProcedure
    .input(HallBoardInput)
    .output(HallBoard)
    .query(({ ctx, input }) => hallBoard(ctx.services.access, input.centre)),
  watchBoard: publicProcedure
    .input(HallBoardInput)
    .subscription(({ ctx, input, signal }) =>
      watchHallBoard(ctx.services.access, input.centre, signal, ctx.services.hallBoardRefreshMs),
    ),
})
