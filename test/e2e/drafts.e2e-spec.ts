import { createPublishedItem } from '../factories/content.factory';
import { createKey, createTestApp, errorCode, gql, TestApp } from '../setup/test-app';

const FIELDS = 'id version publishedVersion hasDraft status slug fields updatedAt';
const UPDATE = `mutation($id: ID!, $version: Int!, $input: UpdateContentItemInput!) { updateContentItem(id: $id, version: $version, input: $input) { ${FIELDS} } }`;
const READ = `query($id: ID!, $draft: Boolean) { contentItem(id: $id, draft: $draft) { ${FIELDS} } }`;
const PUBLISH = `mutation($id: ID!, $version: Int!) { publishContentItem(id: $id, version: $version) { ${FIELDS} } }`;
const DISCARD = `mutation($id: ID!, $version: Int!) { discardDraft(id: $id, version: $version) { ${FIELDS} } }`;
const PERSONALIZE = `query($input: PersonalizeInput!) { personalize(input: $input) { text itemVersion deliveryToken } }`;

describe('a draft beside what is live', () => {
  let hub: TestApp;
  let delivery: string;
  let preview: string;

  beforeAll(async () => {
    hub = await createTestApp();
    delivery = await createKey(hub, 'DELIVERY');
    preview = await createKey(hub, 'PREVIEW');
  });
  afterAll(() => hub.close());

  const sms = async (id: string, key = delivery, previewing = false) => {
    const { data, errors } = await gql(hub, PERSONALIZE, { input: { itemId: id, channel: 'sms', preview: previewing, context: { locale: 'nl', consents: ['sms'] } } }, key);
    expect(errors).toBeUndefined();
    return data!.personalize;
  };

  it('keeps serving the published version while an editor works on the next, until it is published', async () => {
    const item = await createPublishedItem(hub, { fields: { headline: 'Live kop', body: 'Live tekst' } });
    const live = item.version;
    const edited = (await gql(hub, UPDATE, { id: item.id, version: live, input: { fields: { headline: 'Nieuwe kop' } } })).data!.updateContentItem;
    expect(edited).toMatchObject({ version: live + 1, publishedVersion: live, hasDraft: true, status: 'PUBLISHED', fields: expect.objectContaining({ headline: 'Nieuwe kop', body: 'Live tekst' }) });
    expect(new Date(edited.updatedAt).getTime()).toBeGreaterThan(new Date(item.updatedAt).getTime());

    expect((await sms(item.id)).text).toMatch(/^Live kop/);
    expect((await sms(item.id)).itemVersion).toBe(live);
    expect((await sms(item.id, preview, true)).text).toMatch(/^Nieuwe kop/);
    const asEditor = (await gql(hub, READ, { id: item.id })).data!.contentItem;
    expect(asEditor).toMatchObject({ version: live + 1, publishedVersion: live, hasDraft: true, fields: expect.objectContaining({ headline: 'Live kop' }) });
    expect((await gql(hub, READ, { id: item.id, draft: true })).data!.contentItem.fields.headline).toBe('Nieuwe kop');
    const asChannelApp = (await gql(hub, READ, { id: item.id }, delivery)).data!.contentItem;
    expect(asChannelApp).toMatchObject({ version: live, publishedVersion: live, hasDraft: false, fields: expect.objectContaining({ headline: 'Live kop' }) });
    expect(errorCode(await gql(hub, READ, { id: item.id, draft: true }, delivery))).toBe('FORBIDDEN');

    const continued = (await gql(hub, UPDATE, { id: item.id, version: live + 1, input: { fields: { body: 'Nieuwe tekst' } } })).data!.updateContentItem;
    expect(continued).toMatchObject({ version: live + 2, fields: expect.objectContaining({ headline: 'Nieuwe kop', body: 'Nieuwe tekst' }) });
    expect((await sms(item.id)).text).toMatch(/^Live kop/);

    const published = (await gql(hub, PUBLISH, { id: item.id, version: live + 2 })).data!.publishContentItem;
    expect(published).toMatchObject({ version: live + 3, publishedVersion: live + 3, hasDraft: false, fields: expect.objectContaining({ headline: 'Nieuwe kop', body: 'Nieuwe tekst' }) });
    expect(await sms(item.id)).toMatchObject({ text: expect.stringMatching(/^Nieuwe kop/), itemVersion: live + 3 });
    expect(errorCode(await gql(hub, PUBLISH, { id: item.id, version: live + 3 }))).toBe('BAD_USER_INPUT');

    const revisions = (await gql(hub, 'query($id: ID!) { revisions(itemId: $id) { revision status change } }', { id: item.id })).data!.revisions;
    expect(revisions.slice(0, 3)).toEqual([
      { revision: live + 3, status: 'PUBLISHED', change: 'publish' },
      { revision: live + 2, status: 'DRAFT', change: 'update' },
      { revision: live + 1, status: 'DRAFT', change: 'update' },
    ]);
  });

  it('discards a draft and keeps the live version', async () => {
    const item = await createPublishedItem(hub, { fields: { headline: 'Blijft', body: 'Tekst' } });
    const draft = (await gql(hub, UPDATE, { id: item.id, version: item.version, input: { fields: { headline: 'Weg ermee' } } })).data!.updateContentItem;
    expect(errorCode(await gql(hub, DISCARD, { id: item.id, version: item.version }))).toBe('CONFLICT');
    const discarded = (await gql(hub, DISCARD, { id: item.id, version: draft.version })).data!.discardDraft;
    expect(discarded).toMatchObject({ version: draft.version + 1, publishedVersion: item.version, hasDraft: false, fields: expect.objectContaining({ headline: 'Blijft' }) });
    expect((await sms(item.id)).text).toMatch(/^Blijft/);
    expect(errorCode(await gql(hub, DISCARD, { id: item.id, version: discarded.version }))).toBe('BAD_USER_INPUT');
  });

  it("makes a variant change part of the item's draft: version and updatedAt move, the live version stays, a stale copy is refused", async () => {
    const item = await createPublishedItem(hub);
    const variant = await gql(hub, 'mutation($input: CreateVariantInput!) { createVariant(input: $input) { id } }', { input: { itemId: item.id, channel: 'sms', fields: { headline: 'Kort' } } });
    expect(variant.errors).toBeUndefined();
    const after = (await gql(hub, READ, { id: item.id })).data!.contentItem;
    expect(after).toMatchObject({ version: item.version + 1, publishedVersion: item.version, hasDraft: true });
    expect((await sms(item.id)).text).not.toMatch(/^Kort/);
    await gql(hub, PUBLISH, { id: item.id, version: after.version });
    expect((await sms(item.id)).text).toMatch(/^Kort/);
    expect(new Date(after.updatedAt).getTime()).toBeGreaterThan(new Date(item.updatedAt).getTime());
    expect(errorCode(await gql(hub, UPDATE, { id: item.id, version: item.version, input: { fields: { headline: 'x' } } }))).toBe('CONFLICT');
    const revisions = (await gql(hub, 'query($id: ID!) { revisions(itemId: $id) { change } }', { id: item.id })).data!.revisions;
    expect(revisions.map((revision: { change: string }) => revision.change).slice(0, 2)).toEqual(['publish', expect.stringMatching(/^variant .* \(sms\) created$/)]);
  });

  it('keeps the draft as the item’s content when a published item is unpublished, so nothing saved is lost', async () => {
    const item = await createPublishedItem(hub, { fields: { headline: 'Oud', body: 'Tekst' } });
    const draft = (await gql(hub, UPDATE, { id: item.id, version: item.version, input: { fields: { headline: 'Nieuw' } } })).data!.updateContentItem;
    const unpublished = (await gql(hub, `mutation($id: ID!, $version: Int!) { unpublishContentItem(id: $id, version: $version) { ${FIELDS} } }`, { id: item.id, version: draft.version })).data!.unpublishContentItem;
    expect(unpublished).toMatchObject({ status: 'DRAFT', publishedVersion: null, hasDraft: false, fields: expect.objectContaining({ headline: 'Nieuw' }) });
    expect(errorCode(await gql(hub, PERSONALIZE, { input: { itemId: item.id, channel: 'sms', context: { locale: 'nl', consents: ['sms'] } } }, delivery))).toBe('NOT_FOUND');
  });
});
