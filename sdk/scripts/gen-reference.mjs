// Generates docs/plugins/reference.md from the SDK's exports and their TSDoc.
// `node sdk/scripts/gen-reference.mjs --write` rewrites the file; the test
// test/plugins/sdk-reference.test.ts fails when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SDK = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REFERENCE_FILE = path.resolve(SDK, '../docs/plugins/reference.md');

const ENTRIES = [
  ['@panoptes/sdk', 'src/index.ts'],
  ['@panoptes/sdk/testing', 'src/testing/index.ts'],
];

function docOf(symbol, checker) {
  const text = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const tags = symbol
    .getJsDocTags(checker)
    .filter((t) => t.name !== 'internal')
    .map((t) => (t.name === 'example' ? `Example:\n\n\`\`\`ts\n${ts.displayPartsToString(t.text).trim()}\n\`\`\`` : `*@${t.name}* ${ts.displayPartsToString(t.text).trim()}`));
  return [text, ...tags].filter(Boolean).join('\n\n');
}

function kindOf(decl) {
  if (ts.isFunctionDeclaration(decl)) return 'function';
  if (ts.isInterfaceDeclaration(decl)) return 'interface';
  if (ts.isTypeAliasDeclaration(decl)) return 'type';
  if (ts.isClassDeclaration(decl)) return 'class';
  if (ts.isVariableDeclaration(decl)) return 'const';
  return ts.SyntaxKind[decl.kind];
}

function signatureOf(name, decl, symbol, checker) {
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;
  if (ts.isFunctionDeclaration(decl)) {
    return checker
      .getSignaturesOfType(checker.getTypeOfSymbolAtLocation(symbol, decl), ts.SignatureKind.Call)
      .map((s) => `function ${name}${checker.signatureToString(s, undefined, flags)};`)
      .join('\n');
  }
  if (ts.isInterfaceDeclaration(decl) || ts.isTypeAliasDeclaration(decl)) return `export ${decl.getText().replace(/^export\s+/, '')}`;
  if (ts.isVariableDeclaration(decl)) return `const ${name}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, decl), undefined, flags)};`;
  if (ts.isClassDeclaration(decl)) {
    const heritage = decl.heritageClauses?.map((h) => ` ${h.getText()}`).join('') ?? '';
    const lines = [`class ${name}${decl.typeParameters ? `<${decl.typeParameters.map((p) => p.getText()).join(', ')}>` : ''}${heritage} {`];
    const comment = (sym) => {
      const doc = docOf(sym, checker);
      return doc ? `  /** ${doc.replace(/\s*\n\s*/g, ' ')} */\n` : '';
    };
    for (const sig of checker.getSignaturesOfType(checker.getTypeOfSymbolAtLocation(symbol, decl), ts.SignatureKind.Construct)) {
      const params = sig.parameters.map((p) => `${p.name}${p.valueDeclaration?.questionToken || p.valueDeclaration?.initializer ? '?' : ''}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(p, decl), undefined, flags)}`);
      lines.push(`  constructor(${params.join(', ')});`);
    }
    const instance = checker.getDeclaredTypeOfSymbol(symbol);
    for (const prop of checker.getPropertiesOfType(instance)) {
      const d = prop.valueDeclaration ?? prop.declarations?.[0];
      if (!d || d.getSourceFile() !== decl.getSourceFile()) continue;
      const mods = ts.getCombinedModifierFlags(d);
      if (mods & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected) || prop.name.startsWith('#')) continue;
      const type = checker.getTypeOfSymbolAtLocation(prop, decl);
      const sigs = checker.getSignaturesOfType(type, ts.SignatureKind.Call);
      if (ts.isMethodDeclaration(d) && sigs.length > 0) {
        for (const sig of sigs) lines.push(`${comment(prop)}  ${prop.name}${checker.signatureToString(sig, undefined, flags)};`);
      } else {
        lines.push(`${comment(prop)}  ${mods & ts.ModifierFlags.Readonly ? 'readonly ' : ''}${prop.name}: ${checker.typeToString(type, undefined, flags)};`);
      }
    }
    lines.push('}');
    return lines.join('\n');
  }
  return decl.getText();
}

/** The reference as markdown. */
export function generateReference() {
  const files = ENTRIES.map(([, f]) => path.join(SDK, f));
  const config = ts.getParsedCommandLineOfConfigFile(path.join(SDK, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const program = ts.createProgram(files, { ...config.options, noEmit: true, composite: false, incremental: false });
  const checker = program.getTypeChecker();
  const version = JSON.parse(readFileSync(path.join(SDK, 'package.json'), 'utf8')).version;
  const out = [
    '# SDK reference',
    '',
    `Generated from the TSDoc of \`@panoptes/sdk\` ${version} by \`node sdk/scripts/gen-reference.mjs --write\`; a test fails when this file is out of date. Do not edit it by hand: change the comments in \`sdk/src\`.`,
    '',
    'Every export listed here is public API under the [versioning policy](versioning.md).',
    '',
  ];
  for (const [module, file] of ENTRIES) {
    const source = program.getSourceFile(path.join(SDK, file));
    const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(source)).sort((a, b) => a.name.localeCompare(b.name));
    out.push(`## \`${module}\``, '');
    out.push(exports.map((e) => `[${e.name}](#${e.name.toLowerCase()})`).join(' · '), '');
    for (const exp of exports) {
      const symbol = exp.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exp) : exp;
      const decl = symbol.declarations?.[0];
      if (!decl) continue;
      out.push(`### ${exp.name}`, '');
      out.push(`*${kindOf(decl)}*, from \`${path.relative(SDK, decl.getSourceFile().fileName)}\``, '');
      const doc = docOf(symbol, checker);
      if (doc) out.push(doc, '');
      out.push('```ts', signatureOf(exp.name, decl, symbol, checker), '```', '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

if (process.argv.includes('--write')) {
  writeFileSync(REFERENCE_FILE, generateReference());
  console.log(`wrote ${path.relative(process.cwd(), REFERENCE_FILE)}`);
}
