/**
 * The media and originals stores on real files: types sniffed from the bytes (never the declared
 * type), SVG and non-pictures refused, size caps, content-addressed idempotent names, strict name
 * checks on read (no traversal), files whose bytes do not match their name refused, and the sweep.
 */
import { describe, expect, it } from 'vitest';
import { readdir, readFile, utimes, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  MEDIA_MAX_BYTES,
  MediaStore,
  isMediaName,
  sniffImageType,
} from '../../src-main/archive/catalog/media-store.js';
import { ORIGINAL_MAX_BYTES, OriginalsStore } from '../../src-main/archive/catalog/originals-store.js';
import { tempDir } from '../helpers/tmp.js';
import { AVIF, GIF, JPEG, PNG, WEBP } from '../fixtures/pictures.js';

describe('sniffImageType', () => {
  it('knows JPEG, PNG, GIF, WebP and AVIF by their magic numbers, and nothing else', () => {
    expect(sniffImageType(JPEG)).toBe('image/jpeg');
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(GIF)).toBe('image/gif');
    expect(sniffImageType(WEBP)).toBe('image/webp');
    expect(sniffImageType(AVIF)).toBe('image/avif');
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffImageType(Buffer.from('<html><script>x</script>'))).toBeUndefined();
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeUndefined();
    expect(sniffImageType(new Uint8Array([0xff, 0xd8]))).toBeUndefined();
    expect(sniffImageType(new Uint8Array())).toBeUndefined();
  });
});

describe('MediaStore', () => {
  it('keeps a picture under its content hash with the sniffed extension, whatever was declared', async () => {
    const store = new MediaStore(await tempDir());
    const name = await store.put(PNG, 'image/jpeg');
    expect(name).toMatch(/^[0-9a-f]{64}\.png$/);
    expect(await readFile(join(store.folder, name!))).toEqual(Buffer.from(PNG));
    expect(await store.put(JPEG, 'application/octet-stream')).toMatch(/\.jpg$/);
    expect(await store.put(GIF)).toMatch(/\.gif$/);
    expect(await store.put(WEBP)).toMatch(/\.webp$/);
    expect(await store.put(AVIF)).toMatch(/\.avif$/);
    expect(await store.read(name!)).toEqual({ bytes: Buffer.from(PNG), type: 'image/png' });
  });

  it('is idempotent: the same bytes, at once or later, are one file', async () => {
    const store = new MediaStore(await tempDir());
    const names = await Promise.all([store.put(PNG), store.put(PNG), store.put(PNG)]);
    expect(new Set(names).size).toBe(1);
    expect(await store.put(PNG)).toBe(names[0]);
    expect(await readdir(store.folder)).toEqual([names[0]]);
  });

  it('refuses SVG (it can carry script), non-pictures, empty and oversized bytes', async () => {
    const store = new MediaStore(await tempDir());
    expect(await store.put(Buffer.from('<svg onload="alert(1)"/>'), 'image/svg+xml')).toBeUndefined();
    // Even picture bytes declared as SVG are refused: the page meant an SVG.
    expect(await store.put(PNG, 'image/svg+xml')).toBeUndefined();
    expect(await store.put(Buffer.from('<html><script>alert(1)</script>'), 'image/png')).toBeUndefined();
    expect(await store.put(new Uint8Array(), 'image/png')).toBeUndefined();
    const big = new Uint8Array(MEDIA_MAX_BYTES + 1);
    big.set(PNG);
    expect(await store.put(big, 'image/png')).toBeUndefined();
    const atCap = new Uint8Array(MEDIA_MAX_BYTES);
    atCap.set(PNG);
    expect(await store.put(atCap, 'image/png')).toMatch(/\.png$/);
  });

  it('reads only names it could have made: no paths, no traversal, no other extensions', async () => {
    const dir = await tempDir();
    const store = new MediaStore(dir);
    const name = (await store.put(PNG))!;
    await writeFile(join(dir, 'secret.png'), PNG);
    const hex = name.slice(0, 64);
    for (const bad of [
      '../secret.png',
      `../media/${name}`,
      `media/${name}`,
      `/${name}`,
      `${hex.toUpperCase()}.png`,
      `${hex}.svg`,
      `${hex}.PNG`,
      `${hex}.png/`,
      `${hex}.png\0`,
      `${hex.slice(1)}.png`,
      `${hex}..png`,
      '..%2Fsecret.png',
      '',
      '.png',
    ]) {
      expect(isMediaName(bad), bad).toBe(false);
      expect(await store.read(bad), bad).toBeUndefined();
      expect(await store.has(bad), bad).toBe(false);
    }
    expect(await store.read(`${'0'.repeat(64)}.png`)).toBeUndefined(); // well-formed, not there
  });

  it('refuses a file whose bytes are not what its name says', async () => {
    const store = new MediaStore(await tempDir());
    await mkdir(store.folder, { recursive: true });
    const fake = `${'a'.repeat(64)}.png`;
    await writeFile(join(store.folder, fake), '<script>alert(1)</script>');
    expect(await store.read(fake)).toBeUndefined();
    const jpegAsPng = `${'b'.repeat(64)}.png`;
    await writeFile(join(store.folder, jpegAsPng), JPEG);
    expect(await store.read(jpegAsPng)).toBeUndefined();
  });

  it('sweeps pictures no article names any more, and crash leftovers, but not fresh ones', async () => {
    const store = new MediaStore(await tempDir());
    const kept = (await store.put(PNG))!;
    const unused = (await store.put(GIF))!;
    const fresh = (await store.put(JPEG))!;
    await writeFile(join(store.folder, `.${kept}.1.1.tmp`), 'half');
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    for (const n of [kept, unused, `.${kept}.1.1.tmp`]) await utimes(join(store.folder, n), old, old);
    expect(await store.sweep([kept])).toBe(2);
    expect((await readdir(store.folder)).sort()).toEqual([kept, fresh].sort());
  });
});

describe('OriginalsStore', () => {
  it('keeps an original under its content hash, reads it back, and refuses bad keys', async () => {
    const dir = await tempDir();
    const store = new OriginalsStore(dir);
    const key = (await store.put('<!DOCTYPE html><p>原文</p>'))!;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await store.put('<!DOCTYPE html><p>原文</p>')).toBe(key);
    expect(await store.read(key)).toBe('<!DOCTYPE html><p>原文</p>');
    await writeFile(join(dir, 'catalog.json'), '{}');
    for (const bad of [
      '../catalog',
      `${key}.html`,
      key.toUpperCase(),
      `../originals/${key}`,
      key.slice(2),
      '',
    ]) {
      expect(await store.read(bad), bad).toBeUndefined();
    }
  });

  it('refuses an empty or oversized original', async () => {
    const store = new OriginalsStore(await tempDir());
    expect(await store.put('')).toBeUndefined();
    expect(await store.put('x'.repeat(ORIGINAL_MAX_BYTES + 1))).toBeUndefined();
    expect(await store.put('中'.repeat(Math.floor(ORIGINAL_MAX_BYTES / 3) + 1))).toBeUndefined();
  });
});
