import { readFileSync, truncateSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { WalCorruptionError } from '../errors.js';
import { RECORD_HEADER_BYTES, RecordType } from './records.js';

export interface WalRecord {
  readonly type: RecordType;
  readonly payload: Uint8Array;
}

/**
 * Reads every record of one WAL file. Stops at the first record that is cut
 * short or fails its CRC and reports where, so the caller can repair.
 */
export function readWalFile(file: string, onRecord: (r: WalRecord) => void): { bytes: number; corruption: WalCorruptionError | null } {
  const buf = readFileSync(file);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let off = 0;
  while (off < buf.length) {
    if (buf.length - off < RECORD_HEADER_BYTES) {
      return { bytes: buf.length, corruption: new WalCorruptionError(path.basename(file), off, `torn record header (${buf.length - off} bytes)`) };
    }
    const type = buf[off]!;
    const len = dv.getUint32(off + 1, true);
    const sum = dv.getUint32(off + 5, true);
    if (type !== RecordType.Series && type !== RecordType.Samples && type !== RecordType.HeadChunks) {
      return { bytes: buf.length, corruption: new WalCorruptionError(path.basename(file), off, `unknown record type ${type}`) };
    }
    const end = off + RECORD_HEADER_BYTES + len;
    if (end > buf.length) {
      return { bytes: buf.length, corruption: new WalCorruptionError(path.basename(file), off, `torn record: ${len} payload bytes announced, ${buf.length - off - RECORD_HEADER_BYTES} present`) };
    }
    const payload = buf.subarray(off + RECORD_HEADER_BYTES, end);
    if (crc32(payload) !== sum) {
      return { bytes: buf.length, corruption: new WalCorruptionError(path.basename(file), off, 'checksum mismatch') };
    }
    onRecord({ type: type as RecordType, payload });
    off = end;
  }
  return { bytes: buf.length, corruption: null };
}

/**
 * Repairs a WAL after corruption in `segment` at `offset`: truncates that
 * segment there and deletes every later segment. Records after a bad one
 * cannot be trusted to be in order with what was lost (a series record may
 * be missing), which is why everything after it goes, as Prometheus' wlog
 * Repair does. Returns what was dropped, for the warning.
 */
export function repairWal(dir: string, file: string, offset: number, fileBytes: number, laterSegments: readonly string[]): { droppedBytes: number; droppedFiles: string[] } {
  truncateSync(path.join(dir, file), offset);
  let droppedBytes = fileBytes - offset;
  for (const later of laterSegments) {
    try {
      droppedBytes += readFileSync(path.join(dir, later)).length;
    } catch {
      // size is only for the message
    }
    unlinkSync(path.join(dir, later));
  }
  return { droppedBytes, droppedFiles: [...laterSegments] };
}
