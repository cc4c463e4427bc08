import { EnrolKioskInput } from '@darwaza/contracts/identity'
import { enrolKiosk, recordHeartbeat } from '../services/kiosks.ts'
import { kioskProcedure, publicProcedure, router } from '../trpc.ts'

export const kiosksRouter = router({
  /** Called by the kiosk shell's main process, never by the page: the credential goes to the shell only. */
  enrol: publicProcedure
    .input(EnrolKioskInput)
    .mutation(({ ctx, input }) => enrolKiosk(ctx.services.access, input.enrolmentCode)),
  heartbeat: kioskProcedure.mutation(({ ctx }) => recordHeartbeat(ctx.services.access, ctx.device.kioskId)),
})
