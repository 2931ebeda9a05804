export { writeCheckpoint } from './checkpoint.js';
export { decodeHeadChunks, encodeHeadChunks, decodeSamples, decodeSeries, encodeSamples, encodeSeries, frameRecord, frameSamples, RecordType, type SamplesColumns, type SeriesEntry } from './records.js';
export { replayWal, type ReplayProgress, type ReplayResult } from './replay.js';
export { listWal } from './segments.js';
export { readWalFile, type WalRecord } from './wal-reader.js';
export { WalWriter, type WalSyncPolicy, type WalWriterOptions } from './wal-writer.js';
