// Loaded with `node --import` into a spawned litrev when the test machine cannot mount a small tmpfs:
// files opened for writing under LITREV_TEST_DISK_DIR share a quota of LITREV_TEST_DISK_BYTES (the sizes
// of the files already there count), and a write beyond it is cut short, then fails with ENOSPC, as a
// full file system does.
import { readdirSync, statSync } from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';

const DIR = path.resolve(process.env.LITREV_TEST_DISK_DIR ?? '/nonexistent');
const LIMIT = Number(process.env.LITREV_TEST_DISK_BYTES ?? 'Infinity');

function used(dir) {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += used(p);
    else if (e.isFile()) total += statSync(p).size;
  }
  return total;
}

const realOpen = fsp.open;
fsp.open = async function open(file, flags, mode) {
  const handle = await realOpen.call(this, file, flags, mode);
  const abs = path.resolve(String(file));
  if (!abs.startsWith(DIR + path.sep) || !/[wa]/.test(String(flags ?? 'r'))) return handle;
  const realWrite = handle.write.bind(handle);
  handle.write = async (buffer, offset = 0, length = buffer.length - offset, position) => {
    const room = LIMIT - used(DIR);
    if (room <= 0) throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    return realWrite(buffer, offset, Math.min(length, room), position);
  };
  return handle;
};
syncBuiltinESMExports();
