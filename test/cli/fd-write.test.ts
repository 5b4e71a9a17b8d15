// cli/fd-write.ts writes stdout with write(2) instead of process.stdout. A parent may hand the
// child a non-blocking pipe (Go's os/exec does for its own ends, and a reader may be slow), so a
// full pipe answers EAGAIN: every byte must still arrive, in order, and the exit status stays 0.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { test } from 'node:test';

const ROOT = new URL('../..', import.meta.url).pathname;
const TOTAL = 8 * 1024 * 1024;

// The child: processIO.stdout of 8 MiB in uneven pieces, then a line on stderr.
const CHILD = `
const { processIO } = await import(${JSON.stringify(new URL('../../cli/io.ts', import.meta.url).href)});
let written = 0, i = 0;
while (written < ${TOTAL}) {
  const n = Math.min(${TOTAL} - written, 1000 + ((i++ * 7919) % 300000));
  let s = '';
  for (let k = 0; k < n; k++) s += String.fromCharCode(97 + ((written + k) % 26));
  processIO.stdout(s);
  written += n;
}
processIO.stderr('done\\n');
`;

// The parent, in Python: a pipe whose write end is O_NONBLOCK, read only after a pause.
const PARENT = `
import fcntl, hashlib, os, subprocess, sys, time
r, w = os.pipe()
fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)
child = subprocess.Popen(sys.argv[1:], stdout=w, stderr=subprocess.PIPE, cwd=${JSON.stringify(ROOT)})
os.close(w)
time.sleep(0.5)
h = hashlib.sha256(); n = 0
while True:
    b = os.read(r, 65536)
    if not b: break
    h.update(b); n += len(b)
err = child.stderr.read().decode()
print(child.wait(), n, h.hexdigest(), err.strip())
`;

test('8 MiB through a non-blocking pipe read late: every byte, in order, exit 0', () => {
  let expected = '';
  for (let k = 0; k < TOTAL; k++) expected += String.fromCharCode(97 + (k % 26));
  const digest = createHash('sha256').update(expected).digest('hex');
  const r = spawnSync('python3', ['-c', PARENT, process.execPath, '--import', 'tsx', '--input-type=module', '-e', CHILD], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), `0 ${TOTAL} ${digest} done`);
});
