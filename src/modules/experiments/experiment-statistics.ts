import jStat from 'jstat';

export interface ArmCounts {
  arm: string;
  exposures: number;
  conversions: number;
}

export interface ArmResult extends ArmCounts {
  /** conversions / exposures; null before the first exposure. */
  rate: number | null;
  /** Relative to the control (the first arm): rate / control rate − 1. */
  uplift: number | null;
  /** 95 % confidence interval of the uplift (Katz log method for a ratio of proportions). */
  upliftLow: number | null;
  upliftHigh: number | null;
  /** Two-sided p-value of the two-proportion z-test against the control. */
  pValue: number | null;
  /** Posterior probability that this arm has the highest rate (Beta(1 + conversions, 1 + misses) per arm). */
  probabilityBest: number | null;
}

export interface ExperimentAnalysis {
  arms: ArmResult[];
  /** Named only when every arm has the minimum sample and the best arm beats each other one significantly. */
  winner: string | null;
  /** One sentence on where the test stands. */
  verdict: string;
}

const ALPHA = 0.05;
const Z_95 = jStat.normal.inv(0.975, 0, 1);
/** Integration steps per arm for probabilityBest: its error is far below what is shown (3 decimals). */
const STEPS = 1_000;

/**
 * Compares the arms of an experiment. The significance test is the pooled two-proportion z-test
 * (the best arm against every other, Bonferroni-corrected for the number of comparisons); the
 * uplift interval is Katz's log interval for a ratio of two proportions; probabilityBest is the
 * Bayesian probability to be best under uniform priors.
 */
export function analyzeExperiment(arms: ArmCounts[], minSamplePerArm: number): ExperimentAnalysis {
  const [control] = arms;
  const best = bestPosteriors(arms);
  const results: ArmResult[] = arms.map((arm, index) => {
    const rate = arm.exposures > 0 ? arm.conversions / arm.exposures : null;
    const compared = index > 0 && control ? compare(control, arm) : null;
    return { ...arm, rate, uplift: compared?.uplift ?? null, upliftLow: compared?.low ?? null, upliftHigh: compared?.high ?? null, pValue: compared?.pValue ?? null, probabilityBest: best[index] };
  });
  if (arms.length < 2) return { arms: results, winner: null, verdict: 'an experiment needs at least two arms' };
  const short = arms.filter((arm) => arm.exposures < minSamplePerArm);
  if (short.length > 0) {
    return { arms: results, winner: null, verdict: `not enough data yet: every arm needs ${minSamplePerArm} exposures (${short.map((arm) => `${arm.arm} has ${arm.exposures}`).join(', ')})` };
  }
  const leader = [...arms].sort((a, b) => b.conversions / b.exposures - a.conversions / a.exposures)[0];
  const threshold = ALPHA / (arms.length - 1);
  const pValues = arms.filter((arm) => arm !== leader).map((arm) => twoProportionZTest(arm, leader));
  const worst = Math.max(...pValues);
  if (worst < threshold) {
    return { arms: results, winner: leader.arm, verdict: `${leader.arm} wins: its rate is higher than every other arm's (two-proportion z-test, p ≤ ${formatP(worst)} < ${formatP(threshold)})` };
  }
  return { arms: results, winner: null, verdict: `no significant difference yet: ${leader.arm} leads, but p = ${formatP(worst)} is not below ${formatP(threshold)}` };
}

/** Pooled two-proportion z-test, two-sided p-value; null when there is nothing to compare. */
export function twoProportionZTest(a: ArmCounts, b: ArmCounts): number {
  const pooled = (a.conversions + b.conversions) / (a.exposures + b.exposures);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / a.exposures + 1 / b.exposures));
  if (!(standardError > 0)) return 1;
  const z = (b.conversions / b.exposures - a.conversions / a.exposures) / standardError;
  return 2 * (1 - jStat.normal.cdf(Math.abs(z), 0, 1));
}

function compare(control: ArmCounts, arm: ArmCounts): { uplift: number | null; low: number | null; high: number | null; pValue: number | null } {
  if (control.exposures === 0 || arm.exposures === 0) return { uplift: null, low: null, high: null, pValue: null };
  const controlRate = control.conversions / control.exposures;
  const armRate = arm.conversions / arm.exposures;
  const pValue = twoProportionZTest(control, arm);
  if (control.conversions === 0) return { uplift: null, low: null, high: null, pValue };
  const uplift = armRate / controlRate - 1;
  if (arm.conversions === 0) return { uplift, low: null, high: null, pValue };
  const standardError = Math.sqrt(1 / arm.conversions - 1 / arm.exposures + 1 / control.conversions - 1 / control.exposures);
  const logRatio = Math.log(armRate / controlRate);
  return { uplift, low: Math.exp(logRatio - Z_95 * standardError) - 1, high: Math.exp(logRatio + Z_95 * standardError) - 1, pValue };
}

/** P(arm i has the highest rate) = ∫ pdf_i(t) · Π_{j≠i} cdf_j(t) dt, by Simpson's rule over each arm's own posterior mass. */
function bestPosteriors(arms: ArmCounts[]): (number | null)[] {
  if (arms.length === 0 || arms.some((arm) => arm.exposures < arm.conversions)) return arms.map(() => null);
  const posteriors = arms.map((arm) => ({ a: 1 + arm.conversions, b: 1 + arm.exposures - arm.conversions }));
  const raw = posteriors.map((own, index) => {
    const low = jStat.beta.inv(1e-9, own.a, own.b);
    const high = jStat.beta.inv(1 - 1e-9, own.a, own.b);
    const step = (high - low) / STEPS;
    let sum = 0;
    for (let point = 0; point <= STEPS; point += 1) {
      const t = low + point * step;
      let value = jStat.beta.pdf(t, own.a, own.b);
      posteriors.forEach((other, otherIndex) => {
        if (otherIndex !== index) value *= jStat.beta.cdf(t, other.a, other.b);
      });
      sum += value * (point === 0 || point === STEPS ? 1 : point % 2 === 1 ? 4 : 2);
    }
    return (sum * step) / 3;
  });
  const total = raw.reduce((sum, value) => sum + value, 0);
  return raw.map((value) => (total > 0 ? value / total : null));
}

function formatP(p: number): string {
  return p < 0.0001 ? '0.0001' : p.toFixed(4);
}
