import { Inject, Injectable } from '@nestjs/common';
import { BadUserInputError, NotFoundError } from '../../common/errors/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ChangeFeed } from '../../database/change-feed.service';
import { Principal } from '../auth/principal';
import { KpiDimension, KpiRow } from '../kpis/kpi-query';
import { KpisService } from '../kpis/kpis.service';
import { TouchpointType } from '../touchpoints/touchpoint';
import { ChannelVariantEntity } from '../variants/channel-variant.entity';
import { VariantsService } from '../variants/variants.service';
import { analyzeExperiment, ExperimentAnalysis } from './experiment-statistics';
import { ExperimentRecord, ExperimentsRepository } from './experiments.repository';

export interface ExperimentReport extends ExperimentAnalysis {
  key: string;
  status: 'RUNNING' | 'CONCLUDED';
  goal: TouchpointType;
  version: number;
  concludedAt: Date | null;
  concludedBy: string | null;
  minSamplePerArm: number;
}

/** Every touchpoint since the hub could first have rendered. */
const ALL_TIME = new Date('2000-01-01T00:00:00Z');

/**
 * Experiments across channels: arms are the hand-written variants that carry the experiment's
 * key, exposures are DELIVERED touchpoints, conversions the goal's touchpoints (CONVERTED unless
 * asked otherwise), all read from the rollups.
 */
@Injectable()
export class ExperimentsService {
  constructor(
    private readonly repository: ExperimentsRepository,
    private readonly variants: VariantsService,
    private readonly kpis: KpisService,
    private readonly changeFeed: ChangeFeed,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async experiment(key: string, goal: TouchpointType = TouchpointType.CONVERTED): Promise<ExperimentReport> {
    const [arms, record, counts] = await Promise.all([this.variants.experimentArms(key), this.repository.find(key), this.countsByArm(key)]);
    if (arms.length === 0 && record === null && counts.length === 0) throw new NotFoundError(`No experiment with key ${key}: no variant carries it and no touchpoint names it`);
    return this.report(key, goal, arms, record, counts);
  }

  async experiments(goal: TouchpointType = TouchpointType.CONVERTED): Promise<ExperimentReport[]> {
    const [arms, records] = await Promise.all([this.variants.experimentArms(null), this.repository.findAll()]);
    const keys = [...new Set([...arms.map((arm) => arm.experimentKey!), ...records.map((record) => record.key)])].sort();
    return Promise.all(
      keys.map(async (key) =>
        this.report(
          key,
          goal,
          arms.filter((arm) => arm.experimentKey === key),
          records.find((record) => record.key === key) ?? null,
          await this.countsByArm(key),
        ),
      ),
    );
  }

  /** From now on every customer gets `arm`; refused with CONFLICT when `version` is given and stale. */
  async conclude(key: string, arm: string, version: number | undefined, principal: Principal): Promise<ExperimentReport> {
    const arms = armNames(await this.variants.experimentArms(key));
    if (arms.length === 0) throw new NotFoundError(`No experiment with key ${key} has live arms`);
    if (!arms.includes(arm)) throw new BadUserInputError(`${arm} is not an arm of experiment ${key} (arms: ${arms.join(', ')})`, 'arm');
    await this.repository.conclude(key, arm, version, principal.name);
    await this.changeFeed.publish('experiment-concluded', { key });
    return this.experiment(key);
  }

  private countsByArm(key: string): Promise<KpiRow[]> {
    return this.kpis.report({ experiment: key, from: ALL_TIME }, [KpiDimension.ARM]);
  }

  private report(key: string, goal: TouchpointType, variants: ChannelVariantEntity[], record: ExperimentRecord | null, counts: KpiRow[]): ExperimentReport {
    const declared = armNames(variants);
    const reported = counts.map((row) => row.key.arm).filter((arm): arm is string => arm !== null && !declared.includes(arm)).sort();
    const minSamplePerArm = this.config.experiments.minSamplePerArm;
    const analysis = analyzeExperiment(
      [...declared, ...reported].map((arm) => {
        const row = counts.find((candidate) => candidate.key.arm === arm);
        return { arm, exposures: row?.delivered ?? 0, conversions: row ? goalCount(row, goal) : 0 };
      }),
      minSamplePerArm,
    );
    const concluded = record?.status === 'CONCLUDED';
    return {
      ...analysis,
      key,
      status: concluded ? 'CONCLUDED' : 'RUNNING',
      winner: concluded ? record.winner : analysis.winner,
      verdict: concluded ? `concluded by ${record.concludedBy}: every customer gets ${record.winner}; ${analysis.verdict}` : analysis.verdict,
      goal,
      version: record?.version ?? 0,
      concludedAt: record?.concludedAt ?? null,
      concludedBy: record?.concludedBy ?? null,
      minSamplePerArm,
    };
  }
}

/** An arm is named by its variant's label, else its id; the first-created arm is the control. */
function armNames(variants: ChannelVariantEntity[]): string[] {
  return [...new Set(variants.map((variant) => variant.label ?? variant.id))];
}

const GOAL_COLUMN: Record<TouchpointType, keyof KpiRow> = {
  DELIVERED: 'delivered',
  OPENED: 'opened',
  CLICKED: 'clicked',
  CONVERTED: 'converted',
  RESPONDED: 'responded',
  UNSUBSCRIBED: 'unsubscribed',
  BOUNCED: 'bounced',
};

function goalCount(row: KpiRow, goal: TouchpointType): number {
  return row[GOAL_COLUMN[goal]] as number;
}
