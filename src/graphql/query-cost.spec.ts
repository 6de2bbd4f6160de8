import { buildSchema, GraphQLFieldExtensions, parse } from 'graphql';
import { QueryCosting, RenderedChannels } from './query-cost';

const schema = buildSchema(`
  input PersonalizeInput { channel: String, customerId: String! }
  interface Variant { text: String }
  type Tweet implements Variant { text: String, weightedLength: Int }
  type Letter implements Variant { text: String, pages: Int }
  type Item { id: ID, title: String }
  type Query {
    personalize(input: PersonalizeInput!): Variant
    personalizeMany(requests: [PersonalizeInput!]!): [Variant]
    items(first: Int): [Item]
    item(id: ID!): Item
  }
`);
const pageSized: GraphQLFieldExtensions<unknown, unknown> = { complexity: ({ args, childComplexity }: { args: { first?: number }; childComplexity: number }) => (args.first ?? 20) * childComplexity };
Object.assign(schema.getQueryType()!.getFields().items, { extensions: pageSized });

const renderedChannels: RenderedChannels = (fieldName, args) => {
  if (fieldName === 'personalize') return { channels: [(args.input as { channel?: string } | undefined)?.channel], batch: false };
  if (fieldName === 'personalizeMany') return { channels: ((args.requests as { channel?: string }[] | undefined) ?? []).map((request) => request.channel), batch: true };
  return undefined;
};

/** A QueryCosting that counts how often personalize's channels were read from real arguments: once per request, twice when costed anew. */
function costing() {
  const reads = { personalize: 0 };
  const costs = new QueryCosting(
    (fieldName, args) => {
      if (fieldName === 'personalize' && args.input) reads.personalize += 1;
      return renderedChannels(fieldName, args);
    },
    (channel) => (channel === 'letter' ? 50 : 1),
  );
  return { costs, reads };
}

const PERSONALIZE = parse('query($input: PersonalizeInput!) { personalize(input: $input) { text ... on Tweet { weightedLength } } }');

describe('QueryCosting', () => {
  it('costs a document once per cost of the channels it renders: other customers reuse that, a dearer channel is costed anew', () => {
    const { costs, reads } = costing();
    const tweet = costs.cost(schema, PERSONALIZE, 'personalize', { input: { channel: 'tweet', customerId: 'c-1' } });
    expect(reads.personalize).toBe(2);
    expect(costs.cost(schema, PERSONALIZE, 'personalize', { input: { channel: 'tweet', customerId: 'c-2' } })).toEqual(tweet);
    expect(reads.personalize).toBe(3);

    const letter = costs.cost(schema, PERSONALIZE, 'personalize', { input: { channel: 'letter', customerId: 'c-3' } });
    expect(letter).toEqual({ complexity: tweet.complexity + 49, renders: 1, batchRenders: 0 });
    expect(reads.personalize).toBe(5);
  });

  it('keys a costing by what channels cost, not by their names, so a long name is not kept', () => {
    const { costs, reads } = costing();
    const tweet = costs.cost(schema, PERSONALIZE, 'personalize', { input: { channel: 'tweet', customerId: 'c-1' } });
    expect(costs.cost(schema, PERSONALIZE, 'personalize', { input: { channel: 'sms', customerId: 'c-2' } })).toEqual(tweet);
    expect(costs.cost(schema, PERSONALIZE, 'personalize', { input: { channel: 'x'.repeat(100_000), customerId: 'c-3' } })).toEqual(tweet);
    expect(reads.personalize).toBe(4);
  });

  it('costs anew each time what other variables can change: a page size, a batch, an @include', () => {
    const { costs } = costing();
    const page = parse('query($first: Int) { items(first: $first) { id title } }');
    expect(costs.cost(schema, page, 'page', { first: 5 }).complexity).toBe(5 * 2);
    expect(costs.cost(schema, page, 'page', { first: 500 }).complexity).toBe(500 * 2);

    const batch = parse('query($requests: [PersonalizeInput!]!) { personalizeMany(requests: $requests) { text } }');
    const requests = (count: number) => ({ requests: Array.from({ length: count }, (_unused, index) => ({ channel: 'tweet', customerId: `c-${index}` })) });
    expect(costs.cost(schema, batch, 'batch', requests(2)).batchRenders).toBe(2);
    expect(costs.cost(schema, batch, 'batch', requests(300)).batchRenders).toBe(300);

    const included = parse('query($input: PersonalizeInput!, $withItems: Boolean!) { personalize(input: $input) { text } items @include(if: $withItems) { id } }');
    const input = { channel: 'tweet', customerId: 'c-1' };
    const without = costs.cost(schema, included, 'included', { input, withItems: false }).complexity;
    expect(costs.cost(schema, included, 'included', { input, withItems: true }).complexity).toBe(without + 20);
    expect(costs.cost(schema, included, 'included', { input, withItems: false }).complexity).toBe(without);
  });

  it('refuses variables it cannot coerce, also once the document was costed with good ones', () => {
    const { costs } = costing();
    expect(() => costs.cost(schema, PERSONALIZE, 'personalize', { input: { channel: 'tweet' } })).toThrow(/customerId/);
    costs.cost(schema, PERSONALIZE, 'personalize', { input: { channel: 'tweet', customerId: 'c-1' } });
    expect(() => costs.cost(schema, PERSONALIZE, 'personalize', { input: { channel: 'tweet' } })).toThrow(/customerId/);
    expect(() => costs.cost(schema, PERSONALIZE, 'personalize', {})).toThrow(/\$input/);
  });

  it('refuses a null argument where another field needs a value, also once the document was costed', () => {
    const { costs } = costing();
    const withItem = parse('query($input: PersonalizeInput!, $id: ID = "item-1") { personalize(input: $input) { text } item(id: $id) { id } }');
    const input = { channel: 'tweet', customerId: 'c-1' };
    expect(() => costs.cost(schema, withItem, 'with-item', { input, id: null })).toThrow(/"id" of non-null type "ID!" must not be null/);
    costs.cost(schema, withItem, 'with-item', { input });
    expect(() => costs.cost(schema, withItem, 'with-item', { input, id: null })).toThrow(/"id" of non-null type "ID!" must not be null/);
  });
});
