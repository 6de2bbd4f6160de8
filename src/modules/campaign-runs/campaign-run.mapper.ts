import { CampaignRunRecord, CampaignRunState } from './campaign-run-record';
import { CampaignRunModel } from './campaign-run.graphql';

/** Customers handled, per second since the start, and seconds left at that rate (null unless running). */
export function runProgress(run: CampaignRunRecord, now = new Date()): { handled: number; ratePerSecond: number; etaSeconds: number | null } {
  const handled = run.done + run.skipped + run.failed;
  const until = run.finishedAt ?? now;
  const seconds = run.startedAt ? Math.max((until.getTime() - run.startedAt.getTime()) / 1000, 0.001) : 0;
  const ratePerSecond = seconds > 0 ? Math.round((handled / seconds) * 10) / 10 : 0;
  const etaSeconds = run.state === CampaignRunState.RUNNING && ratePerSecond > 0 ? Math.ceil((run.total - handled) / ratePerSecond) : null;
  return { handled, ratePerSecond, etaSeconds };
}

export function toCampaignRunModel(run: CampaignRunRecord, publicUrl: string): CampaignRunModel {
  const { ratePerSecond, etaSeconds } = runProgress(run);
  return {
    id: run.id,
    name: run.name,
    state: run.state,
    itemId: run.itemId,
    channel: run.channel,
    now: run.runAt,
    total: run.total,
    done: run.done,
    skipped: run.skipped,
    failed: run.failed,
    skippedReasons: Object.entries(run.skippedReasons).map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    ratePerSecond,
    etaSeconds,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    outputUrl: `${publicUrl}/campaign-runs/${run.id}/output`,
  };
}
