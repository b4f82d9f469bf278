import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SafetensorsFile } from '../../src/adapters/safetensors/safetensors-file.ts';

describe('17.7 a Git LFS pointer in place of the weights', () => {
  it('is named as such, not read as a header length', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-lfs-'));
    const path = join(dir, 'model.safetensors');
    // the pointer file git writes when the checkout skipped `git lfs pull`
    writeFileSync(
      path,
      'version https://git-lfs.github.com/spec/v1\noid sha256:4f1b0e3c4b8c8f5e9a2d7f4c1e6b3a9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a39\nsize 4965799096\n',
    );
    await expect(SafetensorsFile.open(path)).rejects.toThrow('this is a Git LFS pointer, not the weights');
  });
});
