import {
  CitizenHistory,
  CitizenProfile,
  CodeChallenge,
  RequestCodeInput,
  SessionGrant,
  VerifyCodeInput,
} from '@darwaza/contracts/identity'
import { z } from 'zod'
import { auditName } from '../domain/actors.ts'
import {
  citizenHistory,
  citizenProfile,
  requestSignInCode,
  signInWithCode,
  signOut,
} from '../services/citizen-identity.ts'
import { citizenProcedure, publicProcedure, router, signedInProcedure } from '../trpc.ts'

export const identityRouter = router({
  requestCode: publicProcedure
    .input(RequestCodeInput)
    .output(CodeChallenge)
    .mutation(({ ctx, input }) =>
      requestSignInCode(ctx.services.access, input.identityNumber, ctx.device, input.language),
    ),
  verifyCode: publicProcedure
    .input(VerifyCodeInput)
    .output(SessionGrant)
    .mutation(({ ctx, input }) => signInWithCode(ctx.services.access, input, ctx.device)),
  signOut: signedInProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
    await signOut(ctx.services.access, { sessionId: ctx.actor.sessionId, auditName: auditName(ctx.actor) }, ctx.device)
    return { ok: true as const }
  }),
  me: citizenProcedure.output(CitizenProfile).query(({ ctx }) => citizenProfile(ctx.services.access, ctx.actor)),
  history: citizenProcedure.output(CitizenHistory).query(({ ctx }) => citizenHistory(ctx.services.access, ctx.actor)),
})
