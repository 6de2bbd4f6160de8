import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TouchpointType } from '../touchpoints/touchpoint';

export enum ExperimentStatus {
  RUNNING = 'RUNNING',
  CONCLUDED = 'CONCLUDED',
}
registerEnumType(ExperimentStatus, { name: 'ExperimentStatus', description: 'CONCLUDED: every customer gets the winning arm' });

@ObjectType('ExperimentArm')
export class ExperimentArmModel {
  @Field()
  arm: string;

  @Field(() => Float, { description: 'DELIVERED touchpoints of this arm' })
  exposures: number;

  @Field(() => Float, { description: "Touchpoints of the experiment's goal type" })
  conversions: number;

  @Field(() => Float, { nullable: true, description: 'conversions / exposures' })
  rate: number | null;

  @Field(() => Float, { nullable: true, description: "Relative to the first arm (the control): rate / control's rate − 1" })
  uplift: number | null;

  @Field(() => Float, { nullable: true, description: 'Lower end of the 95 % confidence interval of the uplift (Katz log interval)' })
  upliftLow: number | null;

  @Field(() => Float, { nullable: true })
  upliftHigh: number | null;

  @Field(() => Float, { nullable: true, description: 'Two-sided p-value of the pooled two-proportion z-test against the control' })
  pValue: number | null;

  @Field(() => Float, { nullable: true, description: 'Bayesian probability that this arm has the highest rate (uniform Beta priors)' })
  probabilityBest: number | null;
}

@ObjectType('Experiment')
export class ExperimentModel {
  @Field()
  key: string;

  @Field(() => ExperimentStatus)
  status: ExperimentStatus;

  @Field(() => TouchpointType)
  goal: TouchpointType;

  @Field(() => String, { nullable: true, description: 'CONCLUDED: the chosen arm. RUNNING: the arm the test names, only once significant with the minimum sample' })
  winner: string | null;

  @Field({ description: 'Where the test stands, in a sentence' })
  verdict: string;

  @Field(() => Int, { description: 'Give it to concludeExperiment to refuse a stale conclusion' })
  version: number;

  @Field(() => Date, { nullable: true })
  concludedAt: Date | null;

  @Field(() => String, { nullable: true })
  concludedBy: string | null;

  @Field(() => Int, { description: 'Exposures every arm needs before a winner is named (HUB_EXPERIMENT_MIN_SAMPLE)' })
  minSamplePerArm: number;

  @Field(() => [ExperimentArmModel], { description: 'The control (first-created arm) first' })
  arms: ExperimentArmModel[];
}
