import { Principal } from '../auth/principal';
import { Role } from '../auth/role.enum';

export const CAMPAIGN_CHUNK_QUEUE = 'campaign-run-chunk';

export interface CampaignChunkJob {
  runId: string;
  chunk: number;
}

/** Who renders a run: an editor's rights (a run may preview drafts and look ahead with `now`). */
export const RUN_PRINCIPAL: Principal = { keyId: null, name: 'campaign-run', role: Role.EDITOR };

/**
 * Where one rendering of a chunk writes its output in the asset storage. Each attempt has its own
 * key; the chunk row records the one whose completion won, so a chunk rendered twice (a retry
 * racing a slow first try) never mixes two outputs.
 */
export function chunkKey(runId: string, chunk: number, attempt: string): string {
  return `campaign-runs/${runId}/${String(chunk).padStart(7, '0')}-${attempt}.ndjson`;
}

/** A print channel's print file of one chunk (a batch, in the print shop's order), per attempt like the output. */
export function printKey(runId: string, chunk: number, attempt: string): string {
  return `campaign-runs/${runId}/print/${String(chunk + 1).padStart(7, '0')}-${attempt}.pdf`;
}

/** Where each recipient's letter starts in a print file, and how many pages it has: beside the file. */
export function manifestKeyOf(printFileKey: string): string {
  return printFileKey.replace(/\.pdf$/, '.json');
}
