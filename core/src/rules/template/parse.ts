/**
 * A parser for the subset of Go's text/template that alert templates use:
 * text, `{{ pipeline }}`, comments, trim markers (`{{-`, `-}}`), variables
 * (`$x := …`, `$x = …`), `if`/`else if`/`else`, `range` (with `$k, $v :=`),
 * `with`, `define`/`template`/`block`, `break`/`continue`, parenthesised
 * pipelines, field chains (`.Labels.job`, `$labels.job`) and literals. As in
 * Go, every function a template names must exist when it is parsed.
 */

/** A parsed template: its body and the templates it defines by name. */
export interface ParsedTemplate {
  readonly nodes: Node[];
  readonly defs: Map<string, Node[]>;
}

export type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'template'; readonly name: string; readonly pipe: Pipeline | undefined }
  | { readonly kind: 'break' | 'continue' }
  | { readonly kind: 'action'; readonly pipe: Pipeline }
  | { readonly kind: 'if' | 'with'; readonly pipe: Pipeline; readonly then: Node[]; readonly otherwise: Node[] }
  | { readonly kind: 'range'; readonly pipe: Pipeline; readonly body: Node[]; readonly otherwise: Node[] };

export interface Pipeline {
  /** Variables declared (`:=`) or assigned (`=`) by this pipeline. */
  readonly decl: readonly string[];
  readonly assign: boolean;
  readonly cmds: readonly Command[];
}

export type Operand =
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'dot'; readonly fields: readonly string[] }
  | { readonly kind: 'var'; readonly name: string; readonly fields: readonly string[] }
  | { readonly kind: 'ident'; readonly name: string }
  | { readonly kind: 'sub'; readonly pipe: Pipeline; readonly fields: readonly string[] };

export interface Command {
  readonly args: readonly Operand[];
}

export class TemplateSyntaxError extends Error {}

type Token =
  | { t: 'string' | 'number' | 'ident' | 'var' | 'field' | 'bool' | 'nil'; v: string }
  | { t: '(' | ')' | '|' | ':=' | '=' | ',' | 'dot' };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      if (j >= src.length) throw new TemplateSyntaxError('unterminated quoted string');
      out.push({ t: 'string', v: JSON.parse(src.slice(i, j + 1)) as string });
      i = j + 1;
      continue;
    }
    if (c === '`') {
      const j = src.indexOf('`', i + 1);
      if (j < 0) throw new TemplateSyntaxError('unterminated raw quoted string');
      out.push({ t: 'string', v: src.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    if (c === "'") {
      const m = /^'(\\.|[^'])'/.exec(src.slice(i));
      if (!m) throw new TemplateSyntaxError('bad character constant');
      const ch = m[1]!.startsWith('\\') ? (JSON.parse(`"${m[1]}"`) as string) : m[1]!;
      out.push({ t: 'number', v: String(ch.codePointAt(0)) });
      i += m[0].length;
      continue;
    }
    if (src.startsWith(':=', i)) {
      out.push({ t: ':=' });
      i += 2;
      continue;
    }
    if ('()|=,'.includes(c)) {
      out.push({ t: c as '(' });
      i++;
      continue;
    }
    const num = /^[-+]?(0[xX][0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)/.exec(src.slice(i));
    if (num && (c !== '.' || /\d/.test(src[i + 1] ?? ''))) {
      out.push({ t: 'number', v: num[0] });
      i += num[0].length;
      continue;
    }
    const word = /^[$.]?[A-Za-z_0-9]*/.exec(src.slice(i))![0];
    if (word.length === 0) throw new TemplateSyntaxError(`unexpected ${JSON.stringify(c)} in action`);
    if (word === '.') out.push({ t: 'dot' });
    else if (word.startsWith('.')) out.push({ t: 'field', v: word.slice(1) });
    else if (word.startsWith('$')) out.push({ t: 'var', v: word });
    else if (word === 'true' || word === 'false') out.push({ t: 'bool', v: word });
    else if (word === 'nil') out.push({ t: 'nil', v: word });
    else out.push({ t: 'ident', v: word });
    i += word.length;
  }
  return out;
}

class PipelineParser {
  private pos = 0;
  constructor(private readonly toks: Token[]) {}

  parse(): Pipeline {
    const p = this.pipeline();
    if (this.pos < this.toks.length) throw new TemplateSyntaxError(`unexpected ${describe(this.toks[this.pos]!)} in operand`);
    return p;
  }

  private peek(): Token | undefined {
    return this.toks[this.pos];
  }

  private pipeline(): Pipeline {
    const decl: string[] = [];
    let assign = false;
    // `$x :=`, `$x =`, `$k, $v :=`
    const save = this.pos;
    const vars: string[] = [];
    while (this.peek()?.t === 'var') {
      vars.push((this.toks[this.pos] as { v: string }).v);
      this.pos++;
      if (this.peek()?.t === ',') this.pos++;
      else break;
    }
    const op = this.peek()?.t;
    if (vars.length > 0 && (op === ':=' || op === '=')) {
      this.pos++;
      decl.push(...vars);
      assign = op === '=';
    } else {
      this.pos = save;
    }
    const cmds: Command[] = [this.command()];
    while (this.peek()?.t === '|') {
      this.pos++;
      cmds.push(this.command());
    }
    return { decl, assign, cmds };
  }

  private command(): Command {
    const args: Operand[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok === undefined || tok.t === '|' || tok.t === ')') break;
      args.push(this.operand());
    }
    if (args.length === 0) throw new TemplateSyntaxError('missing value for command');
    return { args };
  }

  private fields(): string[] {
    const out: string[] = [];
    while (this.peek()?.t === 'field') out.push((this.toks[this.pos++] as { v: string }).v);
    return out;
  }

  private operand(): Operand {
    const tok = this.toks[this.pos++]!;
    switch (tok.t) {
      case 'string':
        return { kind: 'literal', value: tok.v };
      case 'number':
        return { kind: 'literal', value: Number(tok.v) };
      case 'bool':
        return { kind: 'literal', value: tok.v === 'true' };
      case 'nil':
        return { kind: 'literal', value: null };
      case 'dot':
        return { kind: 'dot', fields: this.fields() };
      case 'field':
        return { kind: 'dot', fields: [tok.v, ...this.fields()] };
      case 'var':
        return { kind: 'var', name: tok.v, fields: this.fields() };
      case 'ident':
        return { kind: 'ident', name: tok.v };
      case '(': {
        const pipe = this.pipeline();
        if (this.toks[this.pos++]?.t !== ')') throw new TemplateSyntaxError('unclosed left paren');
        return { kind: 'sub', pipe, fields: this.fields() };
      }
      default:
        throw new TemplateSyntaxError(`unexpected ${describe(tok)} in operand`);
    }
  }
}

function describe(tok: Token): string {
  return 'v' in tok ? JSON.stringify(tok.v) : JSON.stringify(tok.t === 'dot' ? '.' : tok.t);
}

export function parsePipeline(src: string): Pipeline {
  return new PipelineParser(tokenize(src)).parse();
}

interface RawAction {
  readonly text: string;
}

/** Splits template text into text pieces and action bodies, applying trim markers. */
function split(src: string): (string | RawAction)[] {
  const out: (string | RawAction)[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      out.push(src.slice(i));
      break;
    }
    let text = src.slice(i, open);
    let bodyStart = open + 2;
    if (/^-\s/.test(src.slice(bodyStart, bodyStart + 2))) {
      text = text.replace(/\s+$/, '');
      bodyStart += 1;
    }
    if (text) out.push(text);
    let close: number;
    if (src.startsWith('/*', bodyStart) || src.startsWith(' /*', bodyStart)) {
      const end = src.indexOf('*/', bodyStart);
      if (end < 0) throw new TemplateSyntaxError('unclosed comment');
      close = src.indexOf('}}', end);
    } else {
      close = findClose(src, bodyStart);
    }
    if (close < 0) throw new TemplateSyntaxError('unclosed action');
    let body = src.slice(bodyStart, close);
    i = close + 2;
    if (/\s-$/.test(body)) {
      body = body.slice(0, -1);
      const m = /^\s*/.exec(src.slice(i))!;
      i += m[0].length;
    }
    out.push({ text: body.trim() });
  }
  return out;
}

/** The `}}` closing an action, skipping quoted strings that may contain it. */
function findClose(src: string, from: number): number {
  let i = from;
  while (i < src.length) {
    const c = src[i];
    if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"') i += src[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '`') {
      i = src.indexOf('`', i + 1) + 1;
      if (i === 0) return -1;
    } else if (src.startsWith('}}', i)) {
      return i;
    } else {
      i++;
    }
  }
  return -1;
}

const KEYWORD = /^(if|else|end|range|with|define|template|block|break|continue)\b\s*/;

function quotedName(text: string, what: string): [string, string] {
  const m = /^("(?:[^"\\]|\\.)*"|`[^`]*`)\s*/.exec(text);
  if (!m) throw new TemplateSyntaxError(`unexpected ${JSON.stringify(text)} in ${what} clause`);
  const name = m[1]!.startsWith('`') ? m[1]!.slice(1, -1) : (JSON.parse(m[1]!) as string);
  return [name, text.slice(m[0].length)];
}

/** Function names a pipeline calls, to check them at parse time as Go does. */
function* calledFunctions(pipe: Pipeline): Generator<string> {
  for (const cmd of pipe.cmds) {
    for (const op of cmd.args) {
      if (op.kind === 'ident') yield op.name;
      if (op.kind === 'sub') yield* calledFunctions(op.pipe);
    }
  }
}

/**
 * Parses a whole template. `knownFunctions`, when given, makes a call to any
 * other function a syntax error (`function "x" not defined`), as Go's parser
 * does. Throws TemplateSyntaxError.
 */
export function parseTemplate(src: string, knownFunctions?: ReadonlySet<string>): ParsedTemplate {
  const parts = split(src);
  const defs = new Map<string, Node[]>();
  let pos = 0;
  let rangeDepth = 0;

  const pipelineOf = (text: string): Pipeline => {
    const pipe = parsePipeline(text);
    if (knownFunctions) for (const f of calledFunctions(pipe)) if (!knownFunctions.has(f)) throw new TemplateSyntaxError(`function "${f}" not defined`);
    return pipe;
  };

  // Returns the nodes up to a closing keyword, and that keyword's action text.
  const list = (closers: readonly string[]): [Node[], string | undefined] => {
    const nodes: Node[] = [];
    while (pos < parts.length) {
      const part = parts[pos++]!;
      if (typeof part === 'string') {
        nodes.push({ kind: 'text', text: part });
        continue;
      }
      const body = part.text;
      if (body.startsWith('/*')) continue;
      const kw = KEYWORD.exec(body);
      if (!kw) {
        nodes.push({ kind: 'action', pipe: pipelineOf(body) });
        continue;
      }
      const word = kw[1]!;
      const rest = body.slice(kw[0].length);
      switch (word) {
        case 'end':
        case 'else':
          if (!closers.includes(word)) throw new TemplateSyntaxError(`unexpected {{${word}}}`);
          return [nodes, body];
        case 'if':
        case 'with':
        case 'range':
          nodes.push(block(word, rest));
          break;
        case 'break':
        case 'continue':
          if (rangeDepth === 0) throw new TemplateSyntaxError(`{{${word}}} outside {{range}}`);
          nodes.push({ kind: word });
          break;
        case 'template': {
          const [name, pipeText] = quotedName(rest, 'template');
          nodes.push({ kind: 'template', name, pipe: pipeText.trim() ? pipelineOf(pipeText) : undefined });
          break;
        }
        case 'define':
        case 'block': {
          const [name, pipeText] = quotedName(rest, word);
          if (word === 'block' && !pipeText.trim()) throw new TemplateSyntaxError('missing value for block');
          const [body] = list(['end']);
          defs.set(name, body);
          if (word === 'block') nodes.push({ kind: 'template', name, pipe: pipelineOf(pipeText) });
          break;
        }
      }
    }
    if (closers.length > 0) throw new TemplateSyntaxError('unexpected EOF');
    return [nodes, undefined];
  };

  const block = (word: 'if' | 'with' | 'range', rest: string): Node => {
    const pipe = pipelineOf(rest);
    if (word === 'range') rangeDepth++;
    const [body, closer] = list(['end', 'else']);
    if (word === 'range') rangeDepth--;
    let otherwise: Node[] = [];
    if (closer !== undefined && closer.startsWith('else')) {
      const elseRest = closer.slice(4).trim();
      const chained = /^(if|with)\b\s*/.exec(elseRest);
      if (chained) {
        // `{{else if x}}` is shorthand for `{{else}}{{if x}}…{{end}}`, sharing the final {{end}}.
        otherwise = [block(chained[1] as 'if' | 'with', elseRest.slice(chained[0].length))];
      } else {
        const [elseBody] = list(['end']);
        otherwise = elseBody;
      }
    }
    return word === 'range' ? { kind: 'range', pipe, body, otherwise } : { kind: word, pipe, then: body, otherwise };
  };

  return { nodes: list([])[0], defs };
}
