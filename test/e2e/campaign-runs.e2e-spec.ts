import { Client } from 'pg';
import { PDFDocument } from 'pdf-lib';
import { pdfText } from '../../src/modules/channels/test-fixtures/pdf-text';
import request from 'supertest';
import { createItem, publishItem } from '../factories/content.factory';
import { createKey, createTestApp, errorCode, gql, TestApp } from '../setup/test-app';
import { eventually } from '../setup/webhook-receiver';

const RUN_FIELDS = 'id state total done skipped failed ratePerSecond etaSeconds skippedReasons { reason count } outputUrl';
const CREATE = `mutation($input: CreateCampaignRunInput!) { createCampaignRun(input: $input) { ${RUN_FIELDS} } }`;
const RUN = `query($id: ID!) { campaignRun(id: $id) { ${RUN_FIELDS} } }`;
const ACTION = (name: string) => `mutation($id: ID!) { ${name}(id: $id) { ${RUN_FIELDS} } }`;

const customer = (index: number, extra: Record<string, unknown> = {}) => ({ customerId: `c-${index}`, locale: 'nl', consents: ['sms', 'email'], ...extra });

async function uploadAudience(hub: TestApp, runId: string, lines: string[]) {
  return request(hub.baseUrl).post(`/campaign-runs/${runId}/audience`).set('Authorization', `Bearer ${hub.adminKey}`).set('content-type', 'application/x-ndjson').send(`${lines.join('\n')}\n`);
}

async function output(hub: TestApp, runId: string, key = hub.adminKey): Promise<any[]> {
  const response = await request(hub.baseUrl).get(`/campaign-runs/${runId}/output`).set('Authorization', `Bearer ${key}`).buffer(true).parse((res, callback) => {
    let text = '';
    res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    res.on('end', () => callback(null, text));
  });
  expect(response.status).toBe(200);
  return (response.body as string).split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

async function runState(hub: TestApp, id: string) {
  return (await gql(hub, RUN, { id })).data!.campaignRun;
}

describe('campaign runs', () => {
  let hub: TestApp;
  let itemId: string;
  beforeAll(async () => {
    hub = await createTestApp({ env: { HUB_CAMPAIGN_CHUNK_SIZE: '100', HUB_CAMPAIGN_MAX_AUDIENCE: '5000', HUB_CAMPAIGN_PRINT_BATCH: '5' } });
    itemId = (await publishItem(hub, await createItem(hub, { metadata: { channels: ['sms', 'email'] } }))).id;
  });
  afterAll(async () => {
    await hub.close();
  });

  it('renders an inline audience through personalize, counting skipped customers by reason with their line numbers', async () => {
    const audience = [customer(1), customer(2, { consents: ['email'] }), customer(3), customer(4, { locale: 'not a locale!' })];
    const created = (await gql(hub, CREATE, { input: { name: 'inline', itemId, channel: 'sms', audience } })).data!.createCampaignRun;
    expect(created).toMatchObject({ state: 'RUNNING', total: 4 });
    await eventually(async () => (await runState(hub, created.id)).state === 'FINISHED', 20_000, 'the run finishes');
    const finished = await runState(hub, created.id);
    expect(finished).toMatchObject({ done: 2, skipped: 2, failed: 0, etaSeconds: null });
    expect(finished.skippedReasons).toEqual(expect.arrayContaining([{ reason: 'no consent', count: 1 }, { reason: 'invalid context', count: 1 }]));
    const skips = (await gql(hub, 'query($id: ID!) { campaignRunSkips(id: $id) { line reason message } }', { id: created.id })).data!.campaignRunSkips;
    expect(skips.map((skip: any) => [skip.line, skip.reason])).toEqual([
      [2, 'no consent'],
      [4, 'invalid context'],
    ]);
    expect(skips[0].message).toMatch(/^line 2: The customer has not consented to sms/);

    const lines = await output(hub, created.id, await createKey(hub, 'DELIVERY'));
    expect(lines.map((line) => line.customerId)).toEqual(['c-1', 'c-3']);
    const personalized = (await gql(hub, 'query($input: PersonalizeInput!) { personalize(input: $input) { text deliveryToken } }', { input: { itemId, channel: 'sms', context: customer(1) } })).data!.personalize;
    expect(lines[0]).toMatchObject({ channel: 'sms', itemId, text: personalized.text, warnings: expect.any(Array), parts: expect.any(Object) });
    expect(lines[0].deliveryToken).toMatch(/^dt1\./);
  });

  it('takes a large audience as NDJSON, reports malformed lines by number, and pauses, resumes and cancels', async () => {
    const run = (await gql(hub, CREATE, { input: { name: 'upload', itemId, channel: 'email' } })).data!.createCampaignRun;
    expect(run).toMatchObject({ state: 'DRAFT', total: 0 });
    const lines = Array.from({ length: 3000 }, (_, index) => JSON.stringify(customer(index + 1)));
    lines[9] = '{ not json';
    lines[19] = '[1, 2]';
    // PostgreSQL cannot store a NUL character: the line is kept as an invalid one instead of sinking the upload.
    lines[24] = JSON.stringify(customer(25, { attributes: { note: 'a\u0000b' } }));
    // A blank line is not a customer, but the lines after it keep their number in the file.
    lines.splice(30, 0, '');
    const uploaded = await uploadAudience(hub, run.id, lines);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ total: 3000, state: 'DRAFT' });

    const started = (await gql(hub, ACTION('startCampaignRun'), { id: run.id })).data!.startCampaignRun;
    expect(started.state).toBe('RUNNING');
    const paused = (await gql(hub, ACTION('pauseCampaignRun'), { id: run.id })).data!.pauseCampaignRun;
    expect(paused.state).toBe('PAUSED');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const whilePaused = await runState(hub, run.id);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await runState(hub, run.id)).done).toBe(whilePaused.done);
    expect(whilePaused.done).toBeLessThan(3000);
    expect(errorCode(await gql(hub, ACTION('startCampaignRun'), { id: run.id }))).toBe('CONFLICT');

    expect((await gql(hub, ACTION('resumeCampaignRun'), { id: run.id })).data!.resumeCampaignRun.state).toBe('RUNNING');
    await eventually(async () => (await runState(hub, run.id)).state === 'FINISHED', 60_000, 'the resumed run finishes');
    const finished = await runState(hub, run.id);
    expect(finished).toMatchObject({ total: 3000, done: 2997, skipped: 3, failed: 0 });
    expect(finished.ratePerSecond).toBeGreaterThan(0);
    const skips = (await gql(hub, 'query($id: ID!) { campaignRunSkips(id: $id) { line reason } }', { id: run.id })).data!.campaignRunSkips;
    expect(skips).toEqual([
      { line: 10, reason: 'invalid context' },
      { line: 20, reason: 'invalid context' },
      { line: 25, reason: 'invalid context' },
    ]);
    const secondUpload = (await gql(hub, CREATE, { input: { name: 'numbers', itemId, channel: 'sms' } })).data!.createCampaignRun;
    await uploadAudience(hub, secondUpload.id, [JSON.stringify(customer(1)), '', 'oops']);
    await uploadAudience(hub, secondUpload.id, ['oops again']);
    await gql(hub, ACTION('startCampaignRun'), { id: secondUpload.id });
    await eventually(async () => (await runState(hub, secondUpload.id)).state === 'FINISHED', 20_000, 'the second run finishes');
    const numbered = (await gql(hub, 'query($id: ID!) { campaignRunSkips(id: $id) { line } }', { id: secondUpload.id })).data!.campaignRunSkips;
    expect(numbered.map((skip: any) => skip.line)).toEqual([3, 4]);
    const rendered = await output(hub, run.id);
    expect(rendered).toHaveLength(2997);
    expect(new Set(rendered.map((line) => line.customerId)).size).toBe(2997);
    expect(rendered[0].parts.html).toMatch(/<html/i);
    expect(rendered[0].text).toMatch(/Zomer in beweging/);

    expect(errorCode(await gql(hub, ACTION('cancelCampaignRun'), { id: run.id }))).toBe('CONFLICT');
    const other = (await gql(hub, CREATE, { input: { name: 'to cancel', itemId, channel: 'sms' } })).data!.createCampaignRun;
    expect((await gql(hub, ACTION('cancelCampaignRun'), { id: other.id })).data!.cancelCampaignRun.state).toBe('CANCELLED');
  }, 90_000);

  it('makes print files for a letter run: batches in postal-code order, each letter starting a new sheet, with a manifest', async () => {
    const letterItem = (await publishItem(hub, await createItem(hub, { metadata: { channels: ['letter'] } }))).id;
    const postalCodes = ['9000', '1015 CJ', '3511', '1000', '8000', '2000', '1011 AB', '6000', '4000', '5000', '7000', '1200'];
    const audience = postalCodes.map((postalCode, index) => ({
      customerId: `l-${index}`,
      locale: 'nl',
      consents: ['letter'],
      attributes: { firstName: `Klant${index}`, lastName: 'Jansen', address: { lines: [`Straat ${index}`], postalCode, city: 'Stad', country: 'NL' } },
    }));
    const run = (await gql(hub, CREATE, { input: { name: 'letters', itemId: letterItem, channel: 'letter', audience } })).data!.createCampaignRun;
    await eventually(async () => (await runState(hub, run.id)).state === 'FINISHED', 60_000, 'the letter run finishes');
    expect(await runState(hub, run.id)).toMatchObject({ done: 12, skipped: 0, failed: 0 });

    const files = (await request(hub.baseUrl).get(`/campaign-runs/${run.id}/letters`).set('Authorization', `Bearer ${hub.adminKey}`)).body;
    expect(files.map((file: any) => [file.file, file.letters])).toEqual([
      [1, 5],
      [2, 5],
      [3, 2],
    ]);
    const order = files.flatMap((file: any) => file.manifest.map((entry: any) => postalCodes[Number(entry.customerId.slice(2))]));
    expect(order).toEqual([...postalCodes].sort());
    for (const file of files) {
      expect(file.manifest.every((entry: any) => entry.firstPage % 2 === 1 && entry.pageCount >= 1)).toBe(true);
      const pdf = await request(hub.baseUrl).get(`/campaign-runs/${run.id}/letters/${file.file}.pdf`).set('Authorization', `Bearer ${await createKey(hub, 'DELIVERY')}`).buffer(true).parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      });
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const document = await PDFDocument.load(pdf.body as Buffer);
      expect(document.getPageCount()).toBe(file.pages);
      expect(file.pages % 2).toBe(0);
      const last = file.manifest[file.manifest.length - 1];
      expect(file.pages).toBe(last.firstPage - 1 + last.pageCount + (last.pageCount % 2));
      const pages = pdfText(pdf.body as Buffer).split(/-- \d+ of \d+ --/);
      for (const entry of file.manifest) expect(pages[entry.firstPage - 1]).toContain(`Klant${entry.customerId.slice(2)} Jansen`);
    }
    const lines = await output(hub, run.id);
    expect(lines.map((line) => line.customerId)).toEqual(files.flatMap((file: any) => file.manifest.map((entry: any) => entry.customerId)));
    expect(lines[0].parts).toEqual({ pageCount: 1 });
    expect((await request(hub.baseUrl).get(`/campaign-runs/${run.id}/letters/9.pdf`).set('Authorization', `Bearer ${hub.adminKey}`)).status).toBe(404);
  }, 90_000);

  it('refuses an unknown item, a channel the item does not allow, an audience over the limit and a DELIVERY key, queueing nothing', async () => {
    const unknownItem = await gql(hub, CREATE, { input: { name: 'x', itemId: '00000000-0000-4000-8000-000000000000', channel: 'sms', audience: [customer(1)] } });
    expect(errorCode(unknownItem)).toBe('NOT_FOUND');
    const wrongChannel = await gql(hub, CREATE, { input: { name: 'x', itemId, channel: 'letter', audience: [customer(1)] } });
    expect(errorCode(wrongChannel)).toBe('BAD_USER_INPUT');
    expect(wrongChannel.errors![0].message).toMatch(/only for sms, email, not letter/);
    expect(errorCode(await gql(hub, CREATE, { input: { name: 'x', itemId, channel: 'fax' } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(hub, CREATE, { input: { name: 'x', itemId, channel: 'sms' } }, await createKey(hub, 'DELIVERY')))).toBe('FORBIDDEN');

    const run = (await gql(hub, CREATE, { input: { name: 'too big', itemId, channel: 'sms' } })).data!.createCampaignRun;
    const tooMany = await uploadAudience(hub, run.id, Array.from({ length: 5001 }, (_, index) => JSON.stringify(customer(index))));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/more than 5000 customers/) });
    expect(await runState(hub, run.id)).toMatchObject({ total: 0, state: 'DRAFT' });
    expect(errorCode(await gql(hub, ACTION('startCampaignRun'), { id: run.id }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(hub, CREATE, { input: { name: 'empty', itemId, channel: 'sms', audience: [] } }))).toBeUndefined();
  });

  it('leaves no run behind when an inline audience cannot be stored', async () => {
    // The database refuses one customer's line, as it would a value it cannot hold.
    const db = new Client({ connectionString: hub.databaseUrl });
    await db.connect();
    try {
      await db.query(`CREATE FUNCTION refuse_marked_line() RETURNS trigger AS $$ BEGIN
          IF NEW.context ->> 'customerId' = 'c-refused' THEN RAISE EXCEPTION 'refused for the test' USING ERRCODE = '22023'; END IF;
          RETURN NEW; END $$ LANGUAGE plpgsql`);
      await db.query('CREATE TRIGGER refuse_marked_line BEFORE INSERT ON campaign_run_audience FOR EACH ROW EXECUTE FUNCTION refuse_marked_line()');
      const runs = async () => (await gql(hub, '{ campaignRuns(first: 100) { id name } }')).data!.campaignRuns.length;
      const before = await runs();
      const refused = await gql(hub, CREATE, { input: { name: 'half stored', itemId, channel: 'sms', audience: [customer(1), { ...customer(2), customerId: 'c-refused' }] } });
      expect(errorCode(refused)).toBe('BAD_USER_INPUT');
      expect(await runs()).toBe(before);
      expect((await db.query("SELECT count(*)::int AS count FROM campaign_runs WHERE name = 'half stored'")).rows[0].count).toBe(0);
    } finally {
      await db.query('DROP TRIGGER IF EXISTS refuse_marked_line ON campaign_run_audience');
      await db.query('DROP FUNCTION IF EXISTS refuse_marked_line()');
      await db.end();
    }
  });

  it('keeps a preview run of a draft from DELIVERY keys', async () => {
    const draft = await createItem(hub, { metadata: { channels: ['sms'] } });
    expect(errorCode(await gql(hub, CREATE, { input: { name: 'proof', itemId: draft.id, channel: 'sms', audience: [customer(1)] } }))).toBe('BAD_USER_INPUT');
    const run = (await gql(hub, CREATE, { input: { name: 'proof', itemId: draft.id, channel: 'sms', preview: true, audience: [customer(1)] } })).data!.createCampaignRun;
    await eventually(async () => (await runState(hub, run.id)).state === 'FINISHED', 20_000, 'the preview run finishes');
    const refused = await request(hub.baseUrl).get(`/campaign-runs/${run.id}/output`).set('Authorization', `Bearer ${await createKey(hub, 'DELIVERY')}`);
    expect(refused.status).toBe(403);
    expect((await output(hub, run.id, await createKey(hub, 'PREVIEW'))).map((line) => line.customerId)).toEqual(['c-1']);
  });
});

describe('a campaign run on two hub instances', () => {
  it('shares the work, survives one instance being killed mid-run, and outputs every customer exactly once', async () => {
    const env = { HUB_CAMPAIGN_CHUNK_SIZE: '50' };
    const first = await createTestApp({ env });
    let second = await createTestApp({ env, databaseUrl: first.databaseUrl });
    try {
      const itemId = (await publishItem(first, await createItem(first))).id;
      const run = (await gql(first, CREATE, { input: { name: 'shared', itemId, channel: 'sms' } })).data!.createCampaignRun;
      const total = 4000;
      await uploadAudience(first, run.id, Array.from({ length: total }, (_, index) => JSON.stringify(customer(index + 1))));
      await gql(first, ACTION('startCampaignRun'), { id: run.id });
      await eventually(async () => (await runState(first, run.id)).done > 200, 30_000, 'the run is under way');
      await second.kill();
      second = await createTestApp({ env, databaseUrl: first.databaseUrl });
      await eventually(async () => (await runState(second, run.id)).state === 'FINISHED', 90_000, 'the run finishes');
      expect(await runState(first, run.id)).toMatchObject({ done: total, skipped: 0, failed: 0 });
      const rendered = await output(second, run.id);
      expect(rendered).toHaveLength(total);
      expect(new Set(rendered.map((line) => line.customerId)).size).toBe(total);
      const logs = first.output() + second.output();
      expect(logs).toMatch(/Campaign run .* finished: 4000 rendered/);
    } finally {
      await second.close();
      await first.close();
    }
  }, 150_000);
});
