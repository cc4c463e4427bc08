import { SubmitApplicationInput, SubmittedApplication } from '@darwaza/contracts/applications'
import { submitApplication } from '../services/applications.ts'
import { citizenProcedure, router } from '../trpc.ts'

export const applicationsRouter = router({
  submit: citizenProcedure
    .input(SubmitApplicationInput)
    .output(SubmittedApplication)
    .mutation(({ ctx, input }) =>
      submitApplication(
        ctx.services.access,
        { citizenId: ctx.actor.citizenId, clerk: null, actor: ctx.actor, device: ctx.device, requestId: ctx.requestId },
        input,
      ),
    ),
})
