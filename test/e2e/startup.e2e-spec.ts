import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestApp, gql } from '../setup/test-app';

describe('start-up', () => {
  it('stops with the file and JSON path when a content model is broken', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'facet-models-'));
    fs.copyFileSync(path.resolve(__dirname, '../../content-models/message.json'), path.join(directory, 'message.json'));
    fs.writeFileSync(path.join(directory, 'broken.json'), JSON.stringify({ key: 'broken', name: 'Broken', fields: [{ key: 'title', type: 'txt' }], roles: {} }));
    await expect(createTestApp({ env: { HUB_CONTENT_MODELS_DIR: directory } })).rejects.toThrow(/broken\.json is invalid at \$\.fields\[0\]\.type/);
  });

  it('takes channel settings from the environment, shows them in channels, and refuses one out of bounds naming the variable', async () => {
    await expect(createTestApp({ env: { HUB_SMS_MAX_SEGMENTS: '99' } })).rejects.toThrow(/HUB_SMS_MAX_SEGMENTS must be a whole number from 1 to 10, got "99"/);
    const hub = await createTestApp({ env: { HUB_INAPP_TITLE_LIMIT: '30' } });
    try {
      const { data } = await gql(hub, '{ channels { key constraints { name limit } settings { name env value } } }');
      const inApp = data!.channels.find((channel: { key: string }) => channel.key === 'inApp');
      expect(inApp.constraints[0]).toEqual({ name: 'titleLength', limit: 30 });
      expect(inApp.settings).toContainEqual({ name: 'titleLimit', env: 'HUB_INAPP_TITLE_LIMIT', value: 30 });
    } finally {
      await hub.close();
    }
  });

  it('loads the demo campaign on an empty database: Dutch and English, three personas', async () => {
    const hub = await createTestApp({ seed: true });
    try {
      const { data } = await gql(hub, '{ contentItems(filter: { theme: "zomeractie" }) { edges { node { locale status } } } personas { key tone channelPreferences } contentModels { key } }');
      expect(data!.contentItems.edges.map((edge: any) => edge.node.locale).sort()).toEqual(['en', 'nl']);
      expect(data!.contentItems.edges.every((edge: any) => edge.node.status === 'PUBLISHED')).toBe(true);
      expect(data!.personas).toHaveLength(3);
      expect(new Set(data!.personas.map((persona: any) => persona.tone))).toEqual(new Set(['FORMAL', 'INFORMAL']));
      expect(data!.contentModels.map((model: any) => model.key)).toEqual(expect.arrayContaining(['message', 'product-announcement']));
    } finally {
      await hub.close();
    }
  });
});
