import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { AssetStorage } from './asset-storage';

/** Assets on the local disk. A write goes to a temporary file that is renamed into place, so a crash never leaves half a file under a real key. */
export class LocalDiskStorage implements AssetStorage {
  constructor(private readonly root: string) {}

  async put(key: string, data: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await fs.open(temporary, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.rename(temporary, target);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return fs
      .access(this.pathOf(key))
      .then(() => true)
      .catch(() => false);
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  async list(prefix: string): Promise<{ key: string; bytes: number }[]> {
    const base = this.pathOf(prefix);
    const entries = await fs.readdir(base, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    const files = await Promise.all(
      entries
        .filter((entry) => entry.isFile() && !entry.name.endsWith('.tmp'))
        .map(async (entry) => {
          const file = path.join(entry.parentPath, entry.name);
          const stat = await fs.stat(file);
          return { key: path.relative(this.root, file).split(path.sep).join('/'), bytes: stat.size, written: stat.mtimeMs };
        }),
    );
    return files.sort((a, b) => a.written - b.written).map(({ key, bytes }) => ({ key, bytes }));
  }

  /** Keys are hub-made (hex and dashes); anything that could climb out of the root is refused. */
  private pathOf(key: string): string {
    if (!/^[a-z0-9][a-z0-9/_.-]*$/i.test(key) || key.includes('..')) throw new Error(`Invalid storage key ${key}`);
    return path.join(this.root, key);
  }
}
