export enum CampaignRunState {
  DRAFT = 'DRAFT',
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  PAUSED = 'PAUSED',
  CANCELLED = 'CANCELLED',
  FINISHED = 'FINISHED',
  FAILED = 'FAILED',
}

/** What to render for whom: the message (by id or selector) and the channel. */
export interface CampaignTarget {
  itemId: string | null;
  selector: Record<string, unknown> | null;
  channel: string;
  runAt: Date;
  preview: boolean;
}

export interface CampaignRunRecord extends CampaignTarget {
  id: string;
  name: string;
  state: CampaignRunState;
  total: number;
  done: number;
  skipped: number;
  failed: number;
  skippedReasons: Record<string, number>;
  chunkSize: number;
  createdBy: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  version: number;
}

/** A customer the run could not render, and why. */
export interface CampaignSkip {
  line: number;
  /** The counted category: "invalid context", "no consent", "no matching message", "failed". */
  reason: string;
  message: string;
}

/** The reason of a line the hub could not render through no fault of the line (counted as failed, not skipped). */
export const FAILED = 'failed';

/** What one chunk adds to its run: rendered customers, every line that was not (failures among them), and the files holding its output. */
export interface ChunkOutcome {
  done: number;
  skips: CampaignSkip[];
  failed: number;
  outputKey: string | null;
  printKey: string | null;
}

/** A chunk whose output is in, with its files (null: nothing rendered in it). */
export interface DoneChunk {
  chunk: number;
  outputKey: string | null;
  printKey: string | null;
}

/** One customer of the audience: its line in what was uploaded (blank lines counted), and the context as sent (null: not JSON). */
export interface AudienceLine {
  line: number;
  context: unknown;
}
