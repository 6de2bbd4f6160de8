import { Principal } from '../auth/principal';
import { Role } from '../auth/role.enum';

export const CAMPAIGN_CHUNK_QUEUE = 'campaign-run-chunk';

export interface CampaignChunkJob {
  runId: string;
  chunk: number;
}

/** Who renders a run: an editor's rights (a run may preview drafts and look ahead with `now`). */
export const RUN_PRINCIPAL: Principal = { keyId: null, name: 'campaign-run', role: Role.EDITOR };

/** Where a chunk's output file lives in the asset storage (zero-padded: listing order is chunk order). */
export function chunkKey(runId: string, chunk: number): string {
  return `campaign-runs/${runId}/${String(chunk).padStart(7, '0')}.ndjson`;
}

/** A print channel's print file of one chunk (a batch, in the print shop's order). */
export function printKey(runId: string, chunk: number): string {
  return `campaign-runs/${runId}/print/${String(chunk + 1).padStart(7, '0')}.pdf`;
}

/** Where each recipient's letter starts in that print file, and how many pages it has. */
export function manifestKey(runId: string, chunk: number): string {
  return `campaign-runs/${runId}/print/${String(chunk + 1).padStart(7, '0')}.json`;
}
