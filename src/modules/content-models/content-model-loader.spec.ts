import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContentModelFileError, loadContentModels, parseContentModel } from './content-model-loader';

const valid = {
  key: 'note',
  name: 'Note',
  fields: [
    { key: 'title', type: 'text', required: true },
    { key: 'text', type: 'markdown' },
    { key: 'tags', type: 'list', items: { type: 'text' } },
  ],
  roles: { headline: 'title', body: 'text', hashtags: 'tags' },
};

function problemOf(model: unknown): { jsonPath: string; message: string } {
  try {
    parseContentModel('note.json', JSON.stringify(model));
  } catch (error) {
    if (error instanceof ContentModelFileError) return { jsonPath: error.jsonPath, message: error.message };
    throw error;
  }
  throw new Error('expected the model to be refused');
}

describe('content model files', () => {
  it('loads the models shipped in content-models/', () => {
    const models = loadContentModels(path.resolve(__dirname, '../../../content-models'));
    expect(models.map((model) => model.key)).toEqual(expect.arrayContaining(['message', 'product-announcement']));
  });

  it('maps every message role of the message model onto a field', () => {
    const [message] = loadContentModels(path.resolve(__dirname, '../../../content-models')).filter((model) => model.key === 'message');
    expect(Object.keys(message.roles).sort()).toEqual(['body', 'callToAction', 'hashtags', 'headline', 'image', 'legal', 'signOff', 'summary']);
  });

  it('accepts a valid model', () => {
    expect(parseContentModel('note.json', JSON.stringify(valid)).key).toBe('note');
  });

  it.each([
    ['a field type that does not exist', { ...valid, fields: [{ key: 'title', type: 'txt' }] }, '$.fields[0].type'],
    ['an unknown property', { ...valid, colour: 'red' }, '$'],
    ['a role pointing at a missing field', { ...valid, roles: { headline: 'nope' } }, '$.roles.headline'],
    ['a role fed by a field of the wrong type', { ...valid, roles: { callToAction: 'title' } }, '$.roles.callToAction'],
    ['a duplicate field key', { ...valid, fields: [valid.fields[0], valid.fields[0]] }, '$.fields[1].key'],
    ['an enum without values', { ...valid, fields: [{ key: 'kind', type: 'enum' }], roles: {} }, '$.fields[0].values'],
    ['an invalid pattern', { ...valid, fields: [{ key: 'code', type: 'text', pattern: '([' }], roles: {} }, '$.fields[0].pattern'],
    ['a missing name', { ...valid, name: undefined }, '$'],
  ])('refuses %s, naming the file and the JSON path', (_name, model, jsonPath) => {
    const problem = problemOf(model);
    expect(problem.jsonPath).toBe(jsonPath);
    expect(problem.message).toContain('note.json');
    expect(problem.message).toContain(jsonPath);
  });

  it('refuses a file that is not JSON', () => {
    expect(() => parseContentModel('broken.json', '{ "key": ')).toThrow(/broken\.json is invalid at \$: not valid JSON/);
  });

  it('refuses two files with the same model key', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'models-'));
    fs.writeFileSync(path.join(directory, 'a.json'), JSON.stringify(valid));
    fs.writeFileSync(path.join(directory, 'b.json'), JSON.stringify(valid));
    expect(() => loadContentModels(directory)).toThrow(/b\.json is invalid at \$\.key: the key "note" is already used by a\.json/);
  });
});
