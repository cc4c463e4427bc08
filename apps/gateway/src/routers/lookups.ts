import { LookupInput, LookupResult } from '@darwaza/contracts/lookup'
import { seesSandbox } from '../domain/actors.ts'
import { performLookup } from '../domain/lookup.ts'
import { publicProcedure, router } from '../trpc.ts'

export const lookupsRouter = router({
  perform: publicProcedure
    .input(LookupInput)
    .output(LookupResult)
    .mutation(({ ctx, input }) =>
      performLookup(ctx.services, input, ctx.requestId, { sandbox: seesSandbox(ctx.actor) }),
    ),
})
