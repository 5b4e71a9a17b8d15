// The render server's frames (server/protocol.ts): a one-byte type, a 4-byte big-endian length,
// the body. However the stream is cut into chunks, the reader gives the same frames in order, and
// it refuses a frame over the limit from its header alone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeFrame, FRAME, FrameError, FrameReader, MAX_FRAME_BYTES } from '../../server/protocol.js';

const frames = [
  [FRAME.stderr, Buffer.from('warning: one\n')],
  [FRAME.stdout, Buffer.alloc(0)],
  [FRAME.stdout, Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) & 0xff))],
  [FRAME.exit, Buffer.from('{"code":0}')],
] as const;
const stream = Buffer.concat(frames.map(([type, body]) => encodeFrame(type, body)));

const readAll = (chunks: Buffer[]): { type: number; body: string }[] => {
  const reader = new FrameReader();
  return chunks.flatMap((c) => reader.push(c)).map((f) => ({ type: f.type, body: f.body.toString('hex') }));
};
const expected = frames.map(([type, body]) => ({ type, body: body.toString('hex') }));

test('the header is the type byte and the big-endian body length', () => {
  assert.deepEqual([...encodeFrame(FRAME.exit, 'ab')], [0x58, 0, 0, 0, 2, 0x61, 0x62]);
});

test('one chunk, every chunk size from 1 byte up, and 64 KiB chunks give the same frames', () => {
  assert.deepEqual(readAll([stream]), expected);
  for (const size of [1, 2, 3, 4, 5, 6, 7, 13, 4096, 65536]) {
    const chunks: Buffer[] = [];
    for (let at = 0; at < stream.length; at += size) chunks.push(stream.subarray(at, at + size));
    assert.deepEqual(readAll(chunks), expected, `chunks of ${size}`);
  }
});

test('a frame over the limit is refused as soon as its header is in', () => {
  const head = Buffer.from([FRAME.stdout, 0, 0, 0, 0]);
  head.writeUInt32BE(MAX_FRAME_BYTES + 1, 1);
  const reader = new FrameReader();
  assert.deepEqual(reader.push(head.subarray(0, 3)), []);
  assert.throws(() => reader.push(head.subarray(3)), FrameError);
});
