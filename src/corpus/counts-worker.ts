// Worker thread of writeCounts: encodes each row group of a shard it is sent.
import { serveTasks } from '../threads.js';
import { encodeRowGroup, type EncodedGroup, type RowGroupTask } from './counts-file.js';

serveTasks<RowGroupTask, EncodedGroup>((t) => {
  const result = encodeRowGroup(t);
  return { result, transfer: [result.bytes.buffer as ArrayBuffer] };
});
