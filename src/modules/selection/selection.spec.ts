import { BadUserInputError } from '../../common/errors/domain-errors';
import { chooseChannel } from './choose-channel';
import { chooseVariant, SelectableVariant } from './choose-variant';
import { localeFallbackChain } from './locale-chain';
import { explainSelection } from './explanation';
import { describeNoMatch, explainRanking, rankCandidates, SelectableItem, summarizeExclusions, whyExcluded } from './rank-candidates';
import { resolvePersonas } from './resolve-personas';

const now = new Date('2027-07-05T12:00:00Z');
let sequence = 0;
function item(overrides: Partial<SelectableItem> = {}): SelectableItem {
  sequence += 1;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    locale: 'nl',
    theme: null,
    status: 'PUBLISHED',
    validFrom: null,
    validUntil: null,
    channels: [],
    personaTags: [],
    journeyStages: [],
    priority: 0,
    updatedAt: new Date('2027-07-01T00:00:00Z'),
    ...overrides,
  };
}
const criteria = { personas: ['sportieve-sanne'], localeChain: ['nl-BE', 'nl', 'en'], channel: 'tweet', journeyStage: 'PURCHASE', now, includeDrafts: false };

describe('localeFallbackChain', () => {
  it('walks from the region to the language to the default', () => {
    expect(localeFallbackChain('nl-BE', 'en')).toEqual(['nl-BE', 'nl', 'en']);
    expect(localeFallbackChain('nl-be', 'en')).toEqual(['nl-BE', 'nl', 'en']);
    expect(localeFallbackChain('en', 'en')).toEqual(['en']);
    expect(localeFallbackChain(undefined, 'en')).toEqual(['en']);
  });
});

describe('resolvePersonas', () => {
  const personas = [
    { key: 'sportieve-sanne', criteria: { attr: 'age', gte: 25 }, channelPreferences: ['inApp'], tone: 'INFORMAL' },
    { key: 'meneer-de-vries', criteria: { attr: 'age', gte: 60 }, channelPreferences: ['letter'], tone: 'FORMAL' },
    { key: 'trendy-tim', criteria: null, channelPreferences: ['tweet'], tone: 'INFORMAL' },
  ];
  it('puts named personas first, then criteria matches, and reports unknown names', () => {
    const result = resolvePersonas(['trendy-tim', 'ghost'], { age: 34 }, personas);
    expect(result.matched.map((match) => [match.persona.key, match.via])).toEqual([
      ['trendy-tim', 'named in context'],
      ['sportieve-sanne', 'criteria: age ≥ 25'],
    ]);
    expect(result.unknown).toEqual(['ghost']);
    expect(result.warnings).toEqual(['The context names persona "ghost", which the hub does not have; it was ignored']);
  });

  it('warns when an attribute has the wrong type for a persona\'s criteria, e.g. age given as a text', () => {
    const result = resolvePersonas([], { age: '34' }, personas);
    expect(result.matched).toEqual([]);
    expect(result.warnings).toEqual([
      'Persona "meneer-de-vries" could not be matched: attribute "age" is a text ("34"), but "age ≥ 60" needs a number',
      'Persona "sportieve-sanne" could not be matched: attribute "age" is a text ("34"), but "age ≥ 25" needs a number',
    ]);
  });

  it('does not warn when an attribute of the right type simply does not match', () => {
    expect(resolvePersonas([], { age: 12 }, personas).warnings).toEqual([]);
  });
});

describe('rankCandidates', () => {
  it('skips themes the customer already answered, and names the rule when nothing is left', () => {
    const answered = item({ theme: 'enquete' });
    const other = item({ theme: 'zomeractie' });
    const skipping = { ...criteria, answeredThemes: ['enquete'] };
    expect(rankCandidates([answered, other], skipping).map((candidate) => candidate.item)).toEqual([other]);
    expect(rankCandidates([answered, other], criteria)).toHaveLength(2);
    expect(describeNoMatch([answered], true, skipping)).toMatch(/is on a theme the customer already answered \(enquete\)/);
  });

  it('keeps only what may be sent now on this channel in this locale chain', () => {
    const kept = item();
    const ranked = rankCandidates(
      [
        kept,
        item({ status: 'DRAFT' }),
        item({ validFrom: new Date('2027-08-01T00:00:00Z') }),
        item({ validUntil: now }),
        item({ channels: ['email'] }),
        item({ locale: 'de' }),
        item({ personaTags: ['meneer-de-vries'] }),
      ],
      criteria,
    );
    expect(ranked.map((candidate) => candidate.item.id)).toEqual([kept.id]);
  });

  it('names the rule that excluded each candidate, and never a date', () => {
    const exclusions = [
      item({ status: 'DRAFT' }),
      item({ validFrom: new Date('2027-08-01T00:00:00Z') }),
      item({ channels: ['email'] }),
      item({ locale: 'de' }),
      item({ personaTags: ['meneer-de-vries'] }),
      item({ personaTags: ['meneer-de-vries', 'trendy-tim'] }),
    ].map((candidate) => whyExcluded(candidate, { ...criteria, channel: 'tweet' }));
    expect(exclusions.map((exclusion) => exclusion?.rule)).toEqual(['status', 'validity', 'channel', 'locale', 'personas', 'personas']);
    const summary = summarizeExclusions(exclusions.filter((exclusion) => exclusion !== null));
    expect(summary).toBe(
      "2 for personas the customer doesn't match (meneer-de-vries; meneer-de-vries, trendy-tim), 1 not published (draft), 1 not valid at this moment, 1 not allowed on this channel (only for email), 1 in a locale outside the chain (de)",
    );
    expect(summary).not.toMatch(/2027/);
    expect(whyExcluded(item(), criteria)).toBeNull();
  });

  it('prefers the requested locale, then targeting, then journey stage, priority and recency', () => {
    const fallbackLocale = item({ locale: 'en', personaTags: ['sportieve-sanne'], priority: 99 });
    const untargeted = item({ priority: 50, journeyStages: ['PURCHASE'] });
    const targeted = item({ personaTags: ['sportieve-sanne'] });
    const exactLocale = item({ locale: 'nl-BE' });
    const ranked = rankCandidates([fallbackLocale, untargeted, targeted, exactLocale], criteria).map((candidate) => candidate.item);
    expect(ranked).toEqual([exactLocale, targeted, untargeted, fallbackLocale]);
  });

  it('is deterministic: equal input, equal answer, whatever the order', () => {
    const a = item();
    const b = item();
    expect(rankCandidates([a, b], criteria)[0].item).toBe(rankCandidates([b, a], criteria)[0].item);
  });

  it('explains why the winner beat the runner-up', () => {
    const [winner, runnerUp] = rankCandidates([item({ priority: 5 }), item({ priority: 10 })], criteria);
    expect(explainRanking(winner, runnerUp, criteria.localeChain)).toBe('higher priority (10 against 5)');
    const [targeted, plain] = rankCandidates([item(), item({ personaTags: ['sportieve-sanne'] })], criteria);
    expect(explainRanking(targeted, plain, criteria.localeChain)).toMatch(/targeted at sportieve-sanne/);
    expect(explainRanking(winner, undefined, criteria.localeChain)).toMatch(/only message/);
  });
});

describe('explainSelection and describeNoMatch', () => {
  it('explains a rendering: personas, the locale fallback walked, the arm and why the winner won', () => {
    const [winner, runnerUp] = rankCandidates([item({ locale: 'nl', priority: 10 }), item({ locale: 'nl', priority: 5 })], criteria);
    const explanation = explainSelection({
      matched: [{ persona: { key: 'sportieve-sanne', criteria: null, channelPreferences: [], tone: 'INFORMAL' }, via: 'named in context' }],
      localeChain: criteria.localeChain,
      winner,
      runnerUp,
      channel: { channel: 'tweet', reason: 'requested' },
      variant: { variant: { id: 'v' } as never, experiment: 'zomer-tweet', arm: 'B', assignment: 'random' },
    });
    expect(explanation).toMatchObject({ personas: ['sportieve-sanne'], locale: 'nl', localeFallback: 'nl-BE → nl', experiment: 'zomer-tweet', arm: 'B (random: no customerId)' });
    expect(explanation.reason).toBe('higher priority (10 against 5); hand-written tweet variant (experiment zomer-tweet, arm B)');
  });

  it('says for one requested item which rule kept it out, naming no dates', () => {
    const message = describeNoMatch([item({ id: 'i-1', validFrom: new Date('2099-01-01T00:00:00Z') })], true, criteria);
    expect(message).toBe('No published content matches for locale nl-BE → nl → en on tweet: item i-1 is not valid at this moment');
  });
});

describe('chooseVariant', () => {
  const base = { channel: 'tweet', personaTags: [], locale: null, experimentKey: null, experimentWeight: null, label: null, createdAt: now };
  const variant = (overrides: Partial<SelectableVariant>): SelectableVariant => ({ ...base, id: `v-${(sequence += 1)}`, ...overrides });
  const request = { channel: 'tweet', locale: 'nl', personas: ['sportieve-sanne'], customerId: 'c-42' };

  it('prefers a variant for a matching persona over an untargeted one, and ignores other channels, locales and personas', () => {
    const targeted = variant({ personaTags: ['sportieve-sanne'] });
    const choice = chooseVariant([variant({}), targeted, variant({ channel: 'email', personaTags: ['sportieve-sanne'] }), variant({ locale: 'en', personaTags: ['sportieve-sanne'] }), variant({ personaTags: ['trendy-tim'] })], request);
    expect(choice.variant).toBe(targeted);
  });

  it('falls back to the automatic rendering when no variant applies', () => {
    expect(chooseVariant([variant({ personaTags: ['trendy-tim'] })], request).variant).toBeNull();
  });

  it('sends every customer to the winning arm of a concluded experiment, and says so', () => {
    const arms = [variant({ experimentKey: 'zomer', label: 'A' }), variant({ experimentKey: 'zomer', label: 'B' })];
    const concluded = new Map([['zomer', 'B']]);
    for (let customer = 0; customer < 50; customer += 1) {
      expect(chooseVariant(arms, { ...request, customerId: `c-${customer}`, concluded })).toMatchObject({ arm: 'B', assignment: 'concluded', variant: arms[1] });
    }
    expect(chooseVariant(arms, { ...request, customerId: undefined, concluded }).arm).toBe('B');
    const otherExperiment = chooseVariant(arms, { ...request, concluded: new Map([['winter', 'A']]) });
    expect(otherExperiment.assignment).toBe('customer');
  });

  it('gives the same customer the same arm every time', () => {
    const arms = [variant({ experimentKey: 'zomer', experimentWeight: 50, label: 'A' }), variant({ experimentKey: 'zomer', experimentWeight: 50, label: 'B' })];
    const first = chooseVariant(arms, request);
    for (let attempt = 0; attempt < 20; attempt += 1) expect(chooseVariant([...arms].reverse(), request).arm).toBe(first.arm);
    expect(first).toMatchObject({ experiment: 'zomer', assignment: 'customer' });
  });

  it.each([
    [[50, 50]],
    [[70, 20, 10]],
    [[1, 1, 1, 1]],
  ])('splits 10,000 customers within ±2 percentage points of weights %j', (weights) => {
    const arms = weights.map((weight, index) => variant({ experimentKey: 'split', experimentWeight: weight, label: `arm-${index}` }));
    const counts = new Map<string, number>();
    for (let customer = 0; customer < 10_000; customer += 1) {
      const arm = chooseVariant(arms, { ...request, customerId: `customer-${customer}` }).arm!;
      counts.set(arm, (counts.get(arm) ?? 0) + 1);
    }
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    weights.forEach((weight, index) => {
      expect(Math.abs((counts.get(`arm-${index}`) ?? 0) / 100 - (weight / total) * 100)).toBeLessThanOrEqual(2);
    });
  });

  it('draws a random arm without a customerId, and says so', () => {
    const arms = [variant({ experimentKey: 'x', experimentWeight: 1, label: 'A' }), variant({ experimentKey: 'x', experimentWeight: 1, label: 'B' })];
    const labels = [...arms].sort((a, b) => (a.id < b.id ? -1 : 1)).map((arm) => arm.label);
    expect(chooseVariant(arms, { ...request, customerId: undefined }, () => 0.1)).toMatchObject({ arm: labels[0], assignment: 'random' });
    expect(chooseVariant(arms, { ...request, customerId: undefined }, () => 0.9)).toMatchObject({ arm: labels[1], assignment: 'random' });
  });
});

describe('chooseChannel', () => {
  const registered = ['tweet', 'email', 'letter', 'inApp', 'sms'];
  const personas = [{ key: 'sportieve-sanne', channelPreferences: ['inApp', 'email'] }];

  it("takes the persona's first consented, allowed channel", () => {
    expect(chooseChannel({ requested: undefined, consents: ['email', 'tweet'], itemChannels: [], registered, personas }).channel).toBe('email');
    expect(chooseChannel({ requested: undefined, consents: ['inApp', 'email'], itemChannels: ['email'], registered, personas }).channel).toBe('email');
  });

  it('falls back to the default order without a persona preference', () => {
    expect(chooseChannel({ requested: undefined, consents: ['sms', 'tweet'], itemChannels: [], registered, personas: [] })).toMatchObject({ channel: 'sms' });
  });

  it('refuses when the customer consented to no channel the message allows', () => {
    expect(() => chooseChannel({ requested: undefined, consents: ['letter'], itemChannels: ['email', 'inApp'], registered, personas })).toThrow(BadUserInputError);
    expect(() => chooseChannel({ requested: undefined, consents: [], itemChannels: [], registered, personas })).toThrow(/consented to none/);
  });

  it('refuses a requested channel the customer did not consent to', () => {
    expect(() => chooseChannel({ requested: 'sms', consents: ['email'], itemChannels: [], registered, personas })).toThrow(/not consented to sms/);
  });
});
