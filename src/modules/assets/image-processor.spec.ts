import sharp from 'sharp';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { builtInRenderers } from '../channels/built-in-renderers';
import { ChannelRegistry } from '../channels/channel-registry';
import { focalWindow, ImageProcessor } from './image-processor';
import { decompressionBomb, NOT_AN_IMAGE, photo, SVG_WITH_SCRIPT, truncated } from './test-fixtures/hostile-files';

const processor = new ImageProcessor(new ChannelRegistry(builtInRenderers()).renditionProfiles());

describe('ImageProcessor.probe', () => {
  it('reads type and size from the bytes', async () => {
    expect(await processor.probe(await photo(1600, 1200))).toEqual({ mediaType: 'image/jpeg', width: 1600, height: 1200 });
    expect(await processor.probe(await photo(40, 30, 'png'))).toEqual({ mediaType: 'image/png', width: 40, height: 30 });
  });

  it.each([
    ['a text file', () => NOT_AN_IMAGE, /not an image/],
    ['a truncated JPEG', truncated, /damaged or truncated|not an image/],
    ['a 50,000 × 50,000 PNG', async () => decompressionBomb(), /50000 × 50000 pixels|not an image/],
    ['an SVG with a script', () => SVG_WITH_SCRIPT, /SVG images are not accepted/],
  ])('refuses %s with BAD_USER_INPUT', async (_name, make, message) => {
    const data = await make();
    await expect(processor.probe(data)).rejects.toThrow(BadUserInputError);
    await expect(processor.probe(data)).rejects.toThrow(message);
  });
});

describe('renditions', () => {
  it('makes every channel profile to its specification', async () => {
    const original = await photo(4000, 3000);
    const email = await processor.render(original, processor.profiles.email);
    expect(await sharp(email.data).metadata()).toMatchObject({ width: 600, format: 'jpeg' });
    expect(email.data.length).toBeLessThanOrEqual(200_000);
    const tweet = await processor.render(original, { ...processor.profiles.tweet, focal: { x: 0.7, y: 0.3 } });
    expect(await sharp(tweet.data).metadata()).toMatchObject({ width: 1200, height: 675, format: 'jpeg' });
    const inApp = await processor.render(original, processor.profiles.inApp3x);
    expect(await sharp(inApp.data).metadata()).toMatchObject({ width: 1080, format: 'webp' });
    const letter = await processor.render(await photo(2000, 1000, 'png'), processor.profiles.letter);
    expect(await sharp(letter.data).metadata()).toMatchObject({ width: 945, format: 'jpeg', hasAlpha: false });
  });

  it('crops around the focal point, clamped to the edges', () => {
    expect(focalWindow(4000, 3000, 16 / 9, { x: 0.5, y: 0.5 })).toEqual({ left: 0, top: 375, width: 4000, height: 2250 });
    expect(focalWindow(4000, 3000, 16 / 9, { x: 0.5, y: 0 })).toMatchObject({ top: 0 });
    expect(focalWindow(4000, 3000, 16 / 9, { x: 0.5, y: 1 })).toMatchObject({ top: 750 });
    expect(focalWindow(3000, 4000, 1, { x: 1, y: 0.5 })).toEqual({ left: 0, top: 500, width: 3000, height: 3000 });
  });
});
