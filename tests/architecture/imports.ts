/**
 * The module graph of src/, read with the TypeScript compiler's parser (no type checking, no
 * module resolution by tsc): every `import … from`, `import type`, `export … from`, `import x =
 * require()`, dynamic `import()`, `require()` and `new URL('./x.js', import.meta.url)` (how a worker
 * script is named) is an edge. Comments and strings that merely look like imports are not.
 *
 * Pure over `{ path: source text }`, so the checks can be tried on made-up sources as well as on
 * the real tree.
 */
import path from 'node:path';
import ts from 'typescript';

export type Sources = ReadonlyMap<string, string>;

export interface Edge {
  /** The file's key in the sources (a posix path such as 'src/cli/main.ts'). */
  to: string;
  /** How the dependency is written, for the message: 'import', 'export from', 'import()' … */
  how: string;
}

export interface Graph {
  edges: ReadonlyMap<string, readonly Edge[]>;
  /** Module specifiers that could not be followed: a relative path that names no file, or an import() of a computed string. */
  unresolved: readonly string[];
}

export interface Call {
  file: string;
  line: number;
  what: string;
}

const SCRIPT_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts'];

/** The source file a relative specifier names, as NodeNext writes them ('./x.js' for x.ts), or null. */
function resolve(sources: Sources, from: string, specifier: string): string | null {
  const base = path.posix.join(path.posix.dirname(from), specifier);
  const stem = base.replace(/\.(m|c)?js$/, '');
  const candidates = [base, ...SCRIPT_EXTENSIONS.map((ext) => stem + ext), ...SCRIPT_EXTENSIONS.map((ext) => `${base}/index${ext}`)];
  return candidates.find((candidate) => sources.has(candidate)) ?? null;
}

function parse(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

const lineOf = (source: ts.SourceFile, node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;

/** The specifiers a file depends on, with how each is written. */
export function specifiersOf(file: string, text: string): Array<{ specifier: string | null; how: string; line: number }> {
  const source = parse(file, text);
  const found: Array<{ specifier: string | null; how: string; line: number }> = [];
  const literal = (node: ts.Node | undefined): string | null =>
    node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      found.push({ specifier: literal(node.moduleSpecifier), how: node.importClause?.isTypeOnly ? 'import type' : 'import', line: lineOf(source, node) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      found.push({ specifier: literal(node.moduleSpecifier), how: 'export from', line: lineOf(source, node) });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      found.push({ specifier: literal(node.moduleReference.expression), how: 'import = require()', line: lineOf(source, node) });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      found.push({ specifier: literal(node.arguments[0]), how: 'import()', line: lineOf(source, node) });
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1) {
      found.push({ specifier: literal(node.arguments[0]), how: 'require()', line: lineOf(source, node) });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      found.push({ specifier: literal(node.argument.literal), how: 'import() type', line: lineOf(source, node) });
    } else if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'URL' &&
      node.arguments?.length === 2 &&
      /^import\.meta\.url$/.test(node.arguments[1]!.getText(source))
    ) {
      // A module named by URL, as a worker script is: an edge when it names a module.
      const target = literal(node.arguments[0]);
      if (target !== null && /\.(m|c)?[jt]s$/.test(target)) found.push({ specifier: target.startsWith('.') ? target : `./${target}`, how: 'new URL(…, import.meta.url)', line: lineOf(source, node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The graph over `sources`; packages and Node's built-in modules are not nodes. */
export function buildGraph(sources: Sources): Graph {
  const edges = new Map<string, Edge[]>();
  const unresolved: string[] = [];
  for (const [file, text] of sources) {
    const out: Edge[] = [];
    for (const { specifier, how, line } of specifiersOf(file, text)) {
      if (specifier === null) {
        unresolved.push(`${file}:${line}: ${how} of a computed specifier cannot be followed`);
        continue;
      }
      if (!specifier.startsWith('.') && !specifier.startsWith('/')) continue; // a package or node:…
      const to = resolve(sources, file, specifier);
      if (to === null) unresolved.push(`${file}:${line}: ${how} '${specifier}' names no source file`);
      else out.push({ to, how });
    }
    edges.set(file, out);
  }
  return { edges, unresolved };
}

/**
 * The shortest chain of modules from `start` to a module that `forbidden` accepts, each step with
 * how it is written ('src/parse/a.ts → (import) src/io/read.ts'), or null when there is none.
 */
export function chainTo(graph: Graph, start: string, forbidden: (file: string) => boolean): string | null {
  const previous = new Map<string, { from: string; how: string } | null>([[start, null]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i]!;
    if (file !== start && forbidden(file)) {
      let chain = file;
      for (let at = previous.get(file); at; at = previous.get(at.from)) chain = `${at.from} → (${at.how}) ${chain}`;
      return chain;
    }
    for (const edge of graph.edges.get(file) ?? []) {
      if (previous.has(edge.to)) continue;
      previous.set(edge.to, { from: file, how: edge.how });
      queue.push(edge.to);
    }
  }
  return null;
}

/** What of `process` ends the process or writes to the terminal. */
const PROCESS_MEMBERS = ['exit', 'abort', 'reallyExit', 'exitCode', 'stdout', 'stderr'];

/**
 * Where a module ends the process or prints: process.exit/abort/reallyExit, process.exitCode,
 * process.stdout/stderr (also as `globalThis.process…` or destructured from process), and any use
 * of console (called, passed on or destructured).
 */
export function processCallsOf(file: string, text: string): Call[] {
  const source = parse(file, text);
  const calls: Call[] = [];
  const report = (node: ts.Node, what: string) => calls.push({ file, line: lineOf(source, node), what });
  const memberName = (node: ts.Node): string | null =>
    ts.isPropertyAccessExpression(node)
      ? node.name.text
      : ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)
        ? node.argumentExpression.text
        : null;
  const isMemberAccess = (node: ts.Node): node is ts.PropertyAccessExpression | ts.ElementAccessExpression =>
    ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node);
  /** `name` itself, or `globalThis.name`. */
  const isGlobal = (node: ts.Node, name: string): boolean =>
    (ts.isIdentifier(node) && node.text === name && !isPropertyName(node)) ||
    (isMemberAccess(node) && memberName(node) === name && ts.isIdentifier(node.expression) && node.expression.text === 'globalThis');
  /** An identifier that is the name of a property (`x.console`, `{ console: 1 }`), not a reference. */
  const isPropertyName = (node: ts.Identifier): boolean =>
    (ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) ||
    (ts.isPropertyAssignment(node.parent) && node.parent.name === node) ||
    (ts.isBindingElement(node.parent) && node.parent.propertyName === node) ||
    ts.isPropertySignature(node.parent) ||
    ts.isPropertyDeclaration(node.parent) ||
    ts.isMethodDeclaration(node.parent);
  const visit = (node: ts.Node): void => {
    if (isMemberAccess(node) && isGlobal(node.expression, 'process')) {
      const name = memberName(node);
      if (name === null || PROCESS_MEMBERS.includes(name)) report(node, `process.${name ?? '[computed]'}`);
    } else if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer && isGlobal(node.initializer, 'process')) {
      for (const element of node.name.elements) {
        const name = (element.propertyName ?? element.name).getText(source);
        if (PROCESS_MEMBERS.includes(name)) report(node, `process.${name}`);
      }
    } else if (isGlobal(node, 'console') && !(isMemberAccess(node.parent) && node.parent.expression === node)) {
      report(node, 'console');
    } else if (isMemberAccess(node) && isGlobal(node.expression, 'console')) {
      report(node, `console.${memberName(node) ?? '[computed]'}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}
