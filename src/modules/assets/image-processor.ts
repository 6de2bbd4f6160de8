import type SharpFactory from 'sharp';
import { RenditionFormat, RenditionSpec, servedProfiles } from '../../common/renditions/rendition-spec';
import { BadUserInputError } from '../../common/errors/domain-errors';

type Sharp = ReturnType<typeof SharpFactory>;
type Metadata = Awaited<ReturnType<Sharp['metadata']>>;

/** sharp and libvips weigh ~20 MB: loaded with the first image, so a hub that only delivers never loads them. */
let loadedSharp: Promise<typeof SharpFactory> | null = null;
function loadSharp(): Promise<typeof SharpFactory> {
  return (loadedSharp ??= import('sharp').then((module) => module.default));
}

/** The formats the hub accepts, as sharp detects them from the bytes. SVG is refused: it can carry scripts. */
const ACCEPTED: Record<string, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', tiff: 'image/tiff', heif: 'image/avif' };
/** Decompression bombs are refused from their header: nothing larger is decoded. */
export const MAX_INPUT_PIXELS = 100_000_000;
/** Decoded size (pixels × channels × bytes per sample): a 16-bit 100 MP image needs 800 MB and is refused. */
export const MAX_DECODED_BYTES = 400_000_000;
/** 25,000,000 × 4 is no photo; thin strips make resizers misbehave. */
export const MAX_ASPECT_RATIO = 20;
/** The widths and heights `?w=&h=` may ask for: a short list, so the rendition cache cannot be flooded with one-pixel steps. */
export const RENDITION_SIZES = [64, 128, 160, 240, 320, 360, 480, 600, 640, 720, 800, 960, 1080, 1200, 1280, 1600, 1920, 2400] as const;

export interface ImageProbe {
  mediaType: string;
  width: number;
  height: number;
}

/** What to make of an original: a profile a channel declared, adjusted by the request's bounds. */
export interface RenditionRequest extends RenditionSpec {
  /** 0..1 coordinates the crop keeps in view. */
  focal?: { x: number; y: number };
}

/** Bytes per sample of sharp's pixel depths: 16-bit images take twice the memory. */
const BYTES_PER_SAMPLE: Record<string, number> = { uchar: 1, char: 1, ushort: 2, short: 2, uint: 4, int: 4, float: 4, complex: 8, double: 8, dpcomplex: 16 };

/** The only place that uses sharp: probing uploads and making renditions. */
export class ImageProcessor {
  /** `original` plus every profile the registered channels declared. */
  readonly profiles: Record<string, RenditionSpec>;

  constructor(channelProfiles: Record<string, RenditionSpec>) {
    this.profiles = servedProfiles(channelProfiles);
  }

  /** Reads the header and decodes the whole image once, so a truncated or hostile file is refused before it is stored. */
  async probe(data: Buffer): Promise<ImageProbe> {
    const sharp = await loadSharp();
    let metadata: Metadata;
    try {
      metadata = await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated' }).metadata();
    } catch {
      throw new BadUserInputError('The file is not an image the hub can read (JPEG, PNG, WebP, GIF, TIFF or AVIF)', 'file');
    }
    const mediaType = metadata.format ? ACCEPTED[metadata.format] : undefined;
    if (!mediaType) {
      throw new BadUserInputError(
        metadata.format === 'svg' ? 'SVG images are not accepted: they can carry scripts; upload a PNG or JPEG' : `Images of type ${metadata.format ?? 'unknown'} are not accepted`,
        'file',
      );
    }
    if (!metadata.width || !metadata.height) throw new BadUserInputError('The image has no dimensions', 'file');
    if (metadata.width * metadata.height > MAX_INPUT_PIXELS) {
      throw new BadUserInputError(`The image is ${metadata.width} × ${metadata.height} pixels; the limit is ${MAX_INPUT_PIXELS / 1_000_000} megapixels`, 'file');
    }
    const decodedBytes = metadata.width * metadata.height * (metadata.channels ?? 4) * BYTES_PER_SAMPLE[metadata.depth ?? 'uchar'];
    if (decodedBytes > MAX_DECODED_BYTES) {
      throw new BadUserInputError(`The image would take ${Math.round(decodedBytes / 1_000_000)} MB to decode; the limit is ${MAX_DECODED_BYTES / 1_000_000} MB (use 8 bits per channel or fewer pixels)`, 'file');
    }
    if (Math.max(metadata.width, metadata.height) / Math.min(metadata.width, metadata.height) > MAX_ASPECT_RATIO) {
      throw new BadUserInputError(`The image is ${metadata.width} × ${metadata.height} pixels; sides may differ by at most ${MAX_ASPECT_RATIO} times`, 'file');
    }
    try {
      await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated' }).stats();
    } catch {
      throw new BadUserInputError('The image is damaged or truncated', 'file');
    }
    return { mediaType, width: metadata.width, height: metadata.height };
  }

  /** A rendition, never larger than the original; a rendition sharp cannot make is the request's fault, not a crash. */
  async render(original: Buffer, request: RenditionRequest): Promise<{ data: Buffer; mediaType: string }> {
    try {
      return await this.make(original, request);
    } catch {
      throw new BadUserInputError('This rendition cannot be made from this image; ask for another size, fit or format', 'profile');
    }
  }

  private async make(original: Buffer, request: RenditionRequest): Promise<{ data: Buffer; mediaType: string }> {
    const sharp = await loadSharp();
    let pipeline = sharp(original, { limitInputPixels: MAX_INPUT_PIXELS }).rotate();
    const metadata = await sharp(original, { limitInputPixels: MAX_INPUT_PIXELS }).rotate().metadata();
    const sourceWidth = (metadata.autoOrient?.width ?? metadata.width) as number;
    const sourceHeight = (metadata.autoOrient?.height ?? metadata.height) as number;
    if (request.width || request.height) {
      if (request.fit === 'cover' && request.width && request.height && request.focal) {
        pipeline = pipeline.extract(focalWindow(sourceWidth, sourceHeight, request.width / request.height, request.focal)).resize(request.width, request.height, { withoutEnlargement: true });
      } else {
        pipeline = pipeline.resize({ width: request.width, height: request.height, fit: request.fit ?? 'inside', withoutEnlargement: true });
      }
    }
    const hasAlpha = Boolean(metadata.hasAlpha) && !request.flatten;
    if (request.flatten) pipeline = pipeline.flatten({ background: '#ffffff' });
    const format: RenditionFormat = request.format ?? (hasAlpha ? 'png' : 'jpeg');
    let quality = request.quality ?? 82;
    for (;;) {
      const data = await encode(pipeline.clone(), format, quality);
      if (!request.maxBytes || data.length <= request.maxBytes || quality <= 40 || format === 'png') return { data, mediaType: `image/${format}` };
      quality -= 10;
    }
  }
}

function encode(pipeline: Sharp, format: RenditionFormat, quality: number): Promise<Buffer> {
  switch (format) {
    case 'png':
      return pipeline.png({ compressionLevel: 9, palette: false }).toBuffer();
    case 'webp':
      return pipeline.webp({ quality }).toBuffer();
    case 'avif':
      return pipeline.avif({ quality: Math.max(quality - 20, 30) }).toBuffer();
    default:
      return pipeline.jpeg({ quality, mozjpeg: true }).toBuffer();
  }
}

/** The largest window of the target's aspect ratio, centred on the focal point as far as the edges allow. */
export function focalWindow(width: number, height: number, aspect: number, focal: { x: number; y: number }): { left: number; top: number; width: number; height: number } {
  const windowWidth = Math.min(width, Math.round(height * aspect));
  const windowHeight = Math.min(height, Math.round(windowWidth / aspect));
  const left = Math.round(Math.min(Math.max(focal.x * width - windowWidth / 2, 0), width - windowWidth));
  const top = Math.round(Math.min(Math.max(focal.y * height - windowHeight / 2, 0), height - windowHeight));
  return { left, top, width: windowWidth, height: windowHeight };
}
