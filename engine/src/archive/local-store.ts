import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FileReadError, readFileHashed } from './off-thread-sha256.js';
import { ArchiveObjectNotFoundError, type ArchiveStore, assertKey } from './store.js';

/** The archive in a local folder; writes go to a temp file then rename, so a reader never sees half an object. */
export class LocalArchiveStore implements ArchiveStore {
  readonly location: string;

  constructor(private readonly root: string) {
    this.location = `local:${path.resolve(root)}`;
  }

  async put(key: string, body: Uint8Array): Promise<void> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.tmp-${process.pid}`;
    await writeFile(tmp, body);
    await rename(tmp, file);
  }

  async get(key: string): Promise<Uint8Array> {
    try {
      // The whole file in one read into a buffer of its own (readFile reads 512 KiB per thread-pool
      // round trip): segments are decoded zero-copy from it and may be transferred to the
      // checksum worker (off-thread-sha256.ts).
      const fh = await open(this.file(key), 'r');
      try {
        const { size } = await fh.stat();
        const bytes = new Uint8Array(new ArrayBuffer(size));
        let at = 0;
        while (at < size) {
          const { bytesRead } = await fh.read(bytes, at, size - at, at);
          if (bytesRead === 0) break; // shrank while we read: the size check downstream reports it
          at += bytesRead;
        }
        return at === size ? bytes : bytes.subarray(0, at);
      } finally {
        await fh.close();
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ArchiveObjectNotFoundError(this.location, key);
      throw err;
    }
  }

  async readHashed(key: string, into: Uint8Array): Promise<{ size: number; sha256: string }> {
    try {
      const r = await readFileHashed(this.file(key), into);
      return { size: r.size, sha256: r.hex };
    } catch (err) {
      if (err instanceof FileReadError && err.code === 'ENOENT')
        throw new ArchiveObjectNotFoundError(this.location, key);
      throw err;
    }
  }

  async list(prefix: string): Promise<{ key: string; size: number }[]> {
    const out: { key: string; size: number }[] = [];
    const walk = async (dir: string): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const e of entries) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) await walk(full);
        else if (e.isFile() && !e.name.includes('.tmp-')) {
          const key = path.relative(this.root, full).split(path.sep).join('/');
          if (key.startsWith(prefix)) out.push({ key, size: (await stat(full)).size });
        }
      }
    };
    await walk(this.root);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  private file(key: string): string {
    assertKey(key);
    return path.join(this.root, ...key.split('/'));
  }
}
