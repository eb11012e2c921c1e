/**
 * The shape of the public entry: which values it exports, and that every exported name — values
 * and types — is documented where it is defined, options with their defaults. Editors show that
 * documentation on hover, through the re-exports in src/index.ts and the published .d.ts files.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';

const ENTRY = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

/** Options objects: every property, inherited ones included, must state its default. */
const OPTIONS_TYPES = ['ParseOptions', 'ParseFilesOptions'];

function entryExports() {
  const program = ts.createProgram([ENTRY], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(ENTRY)!)!;
  const exports = checker.getExportsOfModule(module).map((symbol) => {
    const original = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    return { name: symbol.name, original };
  });
  return { checker, exports };
}

describe('the package entry', () => {
  it('exports these values', () => {
    expect(Object.keys(api).sort()).toEqual([
      'ERROR_CODES',
      'KcnaError',
      'NINJS_SCHEMA_URI',
      'SCHEMA_VERSION',
      'UsageError',
      'checkDocument',
      'checkRecord',
      'errorKind',
      'isKcnaError',
      'parseDispatch',
      'parseFiles',
      'toNinjs',
      'validateDocument',
    ]);
    expect(api.SCHEMA_VERSION).toBe('2.0.0');
  });

  const { checker, exports } = entryExports();

  it('documents every exported name where it is defined', () => {
    const undocumented = exports
      .filter(({ original }) => ts.displayPartsToString(original.getDocumentationComment(checker)).trim() === '')
      .map(({ name }) => name);
    expect(undocumented).toEqual([]);
  });

  it.each(OPTIONS_TYPES)('states the default of every %s property', (name) => {
    const symbol = exports.find((entry) => entry.name === name)?.original;
    expect(symbol, `${name} is exported`).toBeDefined();
    const properties = checker.getDeclaredTypeOfSymbol(symbol!).getProperties();
    expect(properties.length).toBeGreaterThan(0);
    const lacking = properties
      .filter((property) => !property.getJsDocTags(checker).some((tag) => tag.name === 'default'))
      .map((property) => property.name);
    expect(lacking).toEqual([]);
  });
});
