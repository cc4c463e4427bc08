import {
  DraftRef,
  DraftSummary,
  OpenDraftInput,
  OpenedDraft,
  SaveDraftInput,
  SavedDraft,
} from '@darwaza/contracts/drafts'
import { z } from 'zod'
import { closeDraft, listDrafts, openDraft, saveDraft } from '../services/drafts.ts'
import { citizenProcedure, router } from '../trpc.ts'

export const draftsRouter = router({
  /** Keeps an unfinished form for a few days and sends the citizen the link to finish it. */
  save: citizenProcedure
    .input(SaveDraftInput)
    .output(SavedDraft)
    .mutation(({ ctx, input }) => saveDraft(ctx.services.access, ctx.actor, ctx.device, input)),
  open: citizenProcedure
    .input(OpenDraftInput)
    .output(OpenedDraft)
    .query(({ ctx, input }) => openDraft(ctx.services.access, ctx.actor, ctx.device, input)),
  mine: citizenProcedure.output(z.array(DraftSummary)).query(({ ctx }) => listDrafts(ctx.services.access, ctx.actor)),
  /** After the application made from it was submitted. */
  submitted: citizenProcedure
    .input(DraftRef)
    .mutation(({ ctx, input }) => closeDraft(ctx.services.access, ctx.actor, ctx.device, input.draftId, 'submitted')),
  discard: citizenProcedure
    .input(DraftRef)
    .mutation(({ ctx, input }) => closeDraft(ctx.services.access, ctx.actor, ctx.device, input.draftId, 'discarded')),
})
