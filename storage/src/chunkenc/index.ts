export { BitReader } from './bit-reader.js';
export { BitWriter } from './bit-writer.js';
export { chunkSampleCount, decodeChunk, decodeChunkInto, encodeBest, samplesOutside, type DecodedSamples } from './chunk.js';
export { decodeDec, encodeDec, ENCODING_DEC } from './dec-chunk.js';
export { ChunkDecodeError } from './errors.js';
export { isStaleNaN, STALE_NAN } from './float-bits.js';
export { decodeXor, encodeXor, ENCODING_XOR, MAX_CHUNK_SAMPLES, XorAppender } from './xor-chunk.js';
