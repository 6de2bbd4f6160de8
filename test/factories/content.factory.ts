import { gql, TestApp } from '../setup/test-app';

export const ITEM_FIELDS = 'id slug model locale status version fields author createdAt updatedAt publishedAt metadata { theme purpose journeyStages tags personaTags channels priority validFrom validUntil attributes }';

/** An item as the API returned it. */
export type ItemResult = { id: string; version: number; [field: string]: any };

let sequence = 0;

/** A valid `message` item input; override what the test is about. */
export function buildMessageInput(overrides: Record<string, any> = {}): Record<string, any> {
  sequence += 1;
  const { fields, metadata, ...rest } = overrides;
  return {
    model: 'message',
    locale: 'nl',
    slug: `bericht-${Date.now()}-${sequence}`,
    fields: {
      headline: 'Zomer in beweging',
      summary: 'Twee weken lang 20% korting',
      body: 'Het is **zomer**. Kom langs in de winkel of bestel online.',
      callToAction: { label: 'Bekijk de actie', url: 'https://example.com/zomer' },
      hashtags: ['zomer', 'hardlopen'],
      ...fields,
    },
    metadata: { theme: 'zomeractie', purpose: 'MOTIVATE', journeyStages: ['CONSIDERATION'], tags: ['sale'], personaTags: [], channels: [], priority: 10, ...metadata },
    ...rest,
  };
}

export async function createItem(hub: TestApp, overrides: Record<string, any> = {}, key?: string): Promise<ItemResult> {
  const result = await gql(hub, `mutation($input: CreateContentItemInput!) { createContentItem(input: $input) { ${ITEM_FIELDS} } }`, { input: buildMessageInput(overrides) }, key);
  if (!result.data) throw new Error(`createContentItem failed: ${JSON.stringify(result.errors)}`);
  return result.data.createContentItem;
}

export async function publishItem(hub: TestApp, item: { id: string; version: number }, key?: string): Promise<ItemResult> {
  const result = await gql(hub, `mutation($id: ID!, $version: Int!) { publishContentItem(id: $id, version: $version) { ${ITEM_FIELDS} } }`, item, key);
  if (!result.data) throw new Error(`publishContentItem failed: ${JSON.stringify(result.errors)}`);
  return result.data.publishContentItem;
}

export async function createPublishedItem(hub: TestApp, overrides: Record<string, any> = {}): Promise<ItemResult> {
  return publishItem(hub, await createItem(hub, overrides));
}

/** A persona to target: content may only name personas the hub has. */
export async function createPersona(hub: TestApp, key: string): Promise<void> {
  const result = await gql(hub, 'mutation($input: UpsertPersonaInput!) { upsertPersona(input: $input) { key } }', { input: { key, name: key, tone: 'INFORMAL' } });
  if (!result.data) throw new Error(`upsertPersona failed: ${JSON.stringify(result.errors)}`);
}
