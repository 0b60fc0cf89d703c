// Where TypeScript puts a contract error: a real compiler run on a probe file.
// A block-bodied handler's return type is inferred and related to the
// expected one as a whole, which would mark the whole handler; the helpers
// instead infer the route's declaration from the type their result is
// expected to have, so the check runs on their own arguments, in the line of
// the `return`. These tests pin that down, with the error's line and text.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// This file's folder (no Node types in the core's tsconfig: see api.test.ts).
const url = (import.meta as { readonly url: string }).url;
const here = decodeURIComponent(url.replace(/^file:\/\//, '').replace(/[^/]*$/, ''));

const PROBE = `${here}probe.virtual.ts`;

const SOURCE = `
import { z } from 'zod';
import { defineRoute } from '../route.js';
import { json, empty } from '../response.js';
const Item = z.object({ name: z.string(), price: z.number() });
const Message = z.object({ detail: z.string() });
export const route = defineRoute(
  { method: 'GET', path: '/items/{id}', response: Item, responses: { 404: { model: Message } } },
  (ctx) => {
    if (ctx.params.id === '0') return json({ detail: 'gone' }, { status: 410 }); // line 10
    if (ctx.params.id === '1') return json({ detail: 1 }, { status: 404 }); // line 11
    if (ctx.params.id === '2') return empty(500); // line 12
    ctx.setStatus(418); // line 13
    if (ctx.params.id === '3') throw ctx.error(404, { wrong: true }); // line 14
    return json({ name: 'a', price: 1 });
  },
);
export const plain = defineRoute(
  { method: 'GET', path: '/plain', response: Item },
  () => {
    return { name: 'a' }; // line 21: a plain value, reported on the handler (line 20)
  },
);
`;

interface Found {
  readonly line: number;
  readonly message: string;
}

function diagnostics(): Found[] {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    exactOptionalPropertyTypes: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) =>
    name === PROBE
      ? ts.createSourceFile(name, SOURCE, version)
      : getSourceFile(name, version, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === PROBE || fileExists(name);
  const program = ts.createProgram([PROBE], options, host);
  const probe = program.getSourceFile(PROBE)!;
  return ts.getPreEmitDiagnostics(program, probe).map((d) => ({
    line: probe.getLineAndCharacterOfPosition(d.start ?? 0).line + 1,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0]!,
  }));
}

describe('contract errors in a real compiler run', () => {
  const found = diagnostics();

  it('puts each wrong status or body on its own return line', () => {
    // The order TypeScript prints a union in depends on what it met first: sorted here.
    const declared = /'(200 \| 404|404 \| 200)( \| undefined)?'\.$/;
    expect(found.filter((d) => d.line >= 10 && d.line <= 14)).toEqual([
      { line: 10, message: expect.stringMatching(/^Type '410' is not assignable to type /) },
      { line: 11, message: "Type 'number' is not assignable to type 'string'." },
      { line: 12, message: expect.stringMatching(/^Argument of type '500' is not assignable/) },
      { line: 13, message: expect.stringMatching(/^Argument of type '418' is not assignable/) },
      {
        line: 14,
        message:
          "Argument of type '{ wrong: boolean; }' is not assignable to parameter of type 'string'.",
      },
    ]);
    for (const line of [10, 12, 13]) {
      expect(found.find((d) => d.line === line)?.message).toMatch(declared);
    }
  });

  it('marks no handler as a whole for them; a plain returned value still is', () => {
    expect(found.filter((d) => d.line < 10 || d.line > 14)).toEqual([
      {
        line: 20,
        message: expect.stringMatching(/^Argument of type '\(\) => \{ name: string; \}'/),
      },
    ]);
  });
});
