/**
 * Byte sizes as Prometheus writes them (`512MB`, `1GB`, `64KiB`): units B,
 * KB/MB/GB/TB/PB (powers of 1024, as Prometheus' units.Base2Bytes does) and
 * their KiB/MiB/... spellings, or a plain integer of bytes. 0 means "no limit"
 * wherever a size is a limit.
 */
const UNITS: Record<string, number> = {
  B: 1,
  KB: 1024,
  KIB: 1024,
  MB: 1024 ** 2,
  MIB: 1024 ** 2,
  GB: 1024 ** 3,
  GIB: 1024 ** 3,
  TB: 1024 ** 4,
  TIB: 1024 ** 4,
  PB: 1024 ** 5,
  PIB: 1024 ** 5,
};

export function parseBytes(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  const m = /^(\d+)([A-Za-z]*)$/.exec(value.trim());
  if (!m) return undefined;
  const unit = m[2] === '' ? 1 : UNITS[m[2]!.toUpperCase()];
  if (unit === undefined) return undefined;
  const bytes = Number(m[1]) * unit;
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}
