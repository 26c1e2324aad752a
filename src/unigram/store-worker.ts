// Worker thread of LatticeShards: holds some shards of the training lattices and runs each request
// on them (runShardOp), moving the sums back.
import { parentPort } from 'node:worker_threads';
import { replyBuffers, runShardOp, type ShardOp } from './shards.js';
import type { LatticeStore } from './store.js';

const stores = new Map<number, LatticeStore>();
const port = parentPort!;
port.on('message', (m: { id: number; op: ShardOp }) => {
  try {
    const replies = runShardOp(stores, m.op);
    port.postMessage({ id: m.id, replies }, replyBuffers(replies));
  } catch (e) {
    port.postMessage({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
