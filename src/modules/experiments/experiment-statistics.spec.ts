import jStat from 'jstat';
import { analyzeExperiment, twoProportionZTest } from './experiment-statistics';

/** P(B > A) for Beta posteriors with integer parameters, in closed form (Evan Miller, "Formulas for Bayesian A/B Testing"). */
function probabilityBBeatsA(a: { a: number; b: number }, b: { a: number; b: number }): number {
  let total = 0;
  for (let i = 0; i < b.a; i += 1) {
    total += Math.exp(jStat.betaln(a.a + i, a.b + b.b) - Math.log(b.b + i) - jStat.betaln(1 + i, b.b) - jStat.betaln(a.a, a.b));
  }
  return total;
}

describe('experiment statistics', () => {
  const control = { arm: 'A', exposures: 1000, conversions: 100 };
  const variant = { arm: 'B', exposures: 1000, conversions: 130 };

  it('computes the pooled two-proportion z-test as by hand', () => {
    // p = 230 / 2000 = 0.115; SE = √(0.115 · 0.885 · (1/1000 + 1/1000)) = 0.0142671; z = 0.03 / SE = 2.10274; p = 2 · (1 − Φ(z)) = 0.03549
    expect(twoProportionZTest(control, variant)).toBeCloseTo(0.03549, 4);
    expect(twoProportionZTest(variant, control)).toBeCloseTo(0.03549, 4);
  });

  it('gives the uplift with the Katz 95 % interval as by hand', () => {
    // RR = 1.3; SE(ln RR) = √(1/130 − 1/1000 + 1/100 − 1/1000) = 0.125269; ln 1.3 ± 1.959964 · SE → RR in [1.01698, 1.66176]
    const [, b] = analyzeExperiment([control, variant], 100).arms;
    expect(b.rate).toBeCloseTo(0.13, 10);
    expect(b.uplift).toBeCloseTo(0.3, 10);
    expect(b.upliftLow).toBeCloseTo(0.01698, 4);
    expect(b.upliftHigh).toBeCloseTo(0.66176, 4);
    expect(b.pValue).toBeCloseTo(0.03549, 4);
  });

  it('matches the closed form of the probability to be best', () => {
    for (const [a, b] of [
      [{ arm: 'A', exposures: 100, conversions: 10 }, { arm: 'B', exposures: 100, conversions: 20 }],
      [control, variant],
      [{ arm: 'A', exposures: 40, conversions: 3 }, { arm: 'B', exposures: 35, conversions: 2 }],
    ]) {
      const { arms } = analyzeExperiment([a, b], 1);
      const exact = probabilityBBeatsA({ a: 1 + a.conversions, b: 1 + a.exposures - a.conversions }, { a: 1 + b.conversions, b: 1 + b.exposures - b.conversions });
      expect(arms[1].probabilityBest).toBeCloseTo(exact, 4);
      expect(arms[0].probabilityBest! + arms[1].probabilityBest!).toBeCloseTo(1, 6);
    }
  });

  it('names a winner only with the minimum sample and a significant difference', () => {
    expect(analyzeExperiment([control, variant], 100).winner).toBe('B');
    expect(analyzeExperiment([control, variant], 2000)).toMatchObject({ winner: null, verdict: expect.stringMatching(/every arm needs 2000 exposures/) });
    expect(analyzeExperiment([control, { arm: 'B', exposures: 1000, conversions: 110 }], 100)).toMatchObject({ winner: null, verdict: expect.stringMatching(/no significant difference yet: B leads/) });
    expect(analyzeExperiment([{ arm: 'A', exposures: 1000, conversions: 170 }, variant], 100).winner).toBe('A');
  });

  it('corrects for comparing three arms: p 0.035 is not enough against two rivals', () => {
    const third = { arm: 'C', exposures: 1000, conversions: 100 };
    expect(analyzeExperiment([control, variant, third], 100).winner).toBeNull();
  });

  it('stays defined without exposures or conversions', () => {
    const { arms, winner } = analyzeExperiment([{ arm: 'A', exposures: 0, conversions: 0 }, { arm: 'B', exposures: 500, conversions: 0 }], 100);
    expect(winner).toBeNull();
    expect(arms[0]).toMatchObject({ rate: null, uplift: null });
    expect(arms[1]).toMatchObject({ rate: 0, uplift: null, upliftLow: null });
  });
});
