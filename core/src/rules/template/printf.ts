import { formatE, formatF, formatG } from './go-format.js';
import { printValue } from './exec.js';

/**
 * Go's fmt.Sprintf for the verbs templates use: %v %s %d %f %e %g %q %x %X
 * %t %%, with flags `-+ 0#`, width and precision. Missing or extra arguments
 * print the way Go flags them (`%!d(MISSING)`, `%!(EXTRA …)`).
 */
export function sprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argi = 0;
  const spec = /%([-+ 0#]*)(\d+|\*)?(?:\.(\d+|\*)?)?([a-zA-Z%])/y;
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    spec.lastIndex = pct;
    const m = spec.exec(format);
    if (!m) {
      out += '%!(NOVERB)';
      break;
    }
    i = spec.lastIndex;
    const [, flags = '', widthRaw, precRaw, verb] = m;
    if (verb === '%') {
      out += '%';
      continue;
    }
    const width = widthRaw === '*' ? Number(args[argi++]) : widthRaw !== undefined ? Number(widthRaw) : undefined;
    const hasPrec = m[0].includes('.');
    const prec = precRaw === '*' ? Number(args[argi++]) : hasPrec ? Number(precRaw ?? 0) : undefined;
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[argi++];
    out += pad(formatOne(verb!, arg, flags, prec), width, flags);
  }
  if (argi < args.length) {
    out += `%!(EXTRA ${args
      .slice(argi)
      .map((a) => `${goType(a)}=${printValue(a)}`)
      .join(', ')})`;
  }
  return out;
}

function goType(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  return 'interface {}';
}

function sign(s: string, v: number, flags: string): string {
  if (v >= 0 && !s.startsWith('+') && !Number.isNaN(v)) {
    if (flags.includes('+')) return `+${s}`;
    if (flags.includes(' ')) return ` ${s}`;
  }
  return s;
}

function formatOne(verb: string, arg: unknown, flags: string, prec: number | undefined): string {
  switch (verb) {
    case 'v':
    case 's':
      return prec !== undefined && typeof arg === 'string' ? arg.slice(0, prec) : printValue(arg);
    case 't':
      return typeof arg === 'boolean' ? String(arg) : `%!t(${goType(arg)}=${printValue(arg)})`;
    case 'q':
      return typeof arg === 'string' ? JSON.stringify(arg) : `%!q(${goType(arg)}=${printValue(arg)})`;
    case 'd':
      if (typeof arg !== 'number' || !Number.isInteger(arg)) return `%!d(${goType(arg)}=${printValue(arg)})`;
      return sign(String(arg), arg, flags);
    case 'x':
    case 'X': {
      let s: string;
      if (typeof arg === 'string') s = Buffer.from(arg, 'utf8').toString('hex');
      else if (typeof arg === 'number' && Number.isInteger(arg)) s = (arg < 0 ? '-' : '') + Math.abs(arg).toString(16);
      else return `%!${verb}(${goType(arg)}=${printValue(arg)})`;
      return verb === 'X' ? s.toUpperCase() : s;
    }
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G': {
      if (typeof arg !== 'number') return `%!${verb}(${goType(arg)}=${printValue(arg)})`;
      const lower = verb.toLowerCase();
      let s = lower === 'f' ? formatF(arg, prec ?? 6) : lower === 'e' ? formatE(arg, prec ?? 6) : formatG(arg, prec);
      if (verb === 'E' || verb === 'G') s = s.toUpperCase().replace('INF', 'Inf').replace('NAN', 'NaN');
      return sign(s, arg, flags);
    }
    default:
      return `%!${verb}(${goType(arg)}=${printValue(arg)})`;
  }
}

function pad(s: string, width: number | undefined, flags: string): string {
  if (width === undefined || s.length >= width) return s;
  if (flags.includes('-')) return s.padEnd(width);
  if (flags.includes('0') && /^[-+ ]?\d/.test(s)) {
    const signChar = /^[-+ ]/.test(s) ? s[0]! : '';
    return signChar + s.slice(signChar.length).padStart(width - signChar.length, '0');
  }
  return s.padStart(width);
}
