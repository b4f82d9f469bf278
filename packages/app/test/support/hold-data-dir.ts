// A second real process for the data-folder lock tests: takes the lock, says so, and holds it
// until killed (or exits at once with --release).
import { lockDataDir } from '../../src/db/data-dir-lock.ts';

const [dir, mode] = process.argv.slice(2);
try {
  const unlock = await lockDataDir(dir!, 'lock test holder');
  process.stdout.write(`locked ${process.pid}\n`);
  if (mode === '--release') await unlock();
  else setInterval(() => undefined, 60_000);
} catch (e) {
  process.stdout.write(`refused: ${(e as Error).message}\n`);
  process.exitCode = 3;
}
