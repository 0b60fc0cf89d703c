// The public API of both entry points, as snapshots: any change to what
// @statuskit/core or @statuskit/core/adapter exports, value or type, shows up
// here as a diff, and a changeset should say it. Update with `vitest -u`.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as adapterDoor from './adapter.js';
import * as appDoor from './index.js';
import * as testingDoor from './testing.js';

// This file's folder. The core's tsconfig has no Node types (no fileURLToPath, and
// import.meta has no `url` in the ES lib), so the file URL is taken apart by hand.
const url = (import.meta as { readonly url: string }).url;
const here = decodeURIComponent(url.replace(/^file:\/\//, '').replace(/[^/]*$/, ''));

const KINDS: Array<[ts.SymbolFlags, string]> = [
  [ts.SymbolFlags.Class, 'class'],
  [ts.SymbolFlags.Function, 'function'],
  [ts.SymbolFlags.Variable, 'const'],
  [ts.SymbolFlags.Interface, 'interface'],
  [ts.SymbolFlags.TypeAlias, 'type'],
];

/** `name: kind` for every export of an entry point, types included, sorted. */
function declared(): Record<'index' | 'adapter' | 'testing', string[]> {
  const files = ['index.ts', 'adapter.ts', 'testing.ts'].map((f) => here + f);
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const list = (file: string): string[] => {
    const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
    return checker
      .getExportsOfModule(module)
      .map((s) => {
        const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
        const kinds = KINDS.filter(([flag]) => target.flags & flag).map(([, kind]) => kind);
        return `${s.name}: ${kinds.join(' + ')}`;
      })
      .sort();
  };
  return { index: list(files[0]!), adapter: list(files[1]!), testing: list(files[2]!) };
}

describe('the public API', () => {
  const api = declared();

  it('@statuskit/core exports what an app author uses', () => {
    expect(api.index).toMatchInlineSnapshot(`
      [
        "AnyOperation: interface",
        "AnyRoute: interface",
        "AnySecurity: type",
        "AuthOf: type",
        "BackgroundTasks: interface",
        "BasicCredentials: interface",
        "BodyAt: type",
        "CancelResult: type",
        "ContractMode: type",
        "ContractOptions: interface",
        "ContractStatus: interface",
        "CoreReason: type",
        "CreateRequest: interface",
        "CreateResult: type",
        "CredentialOf: type",
        "Declaration: interface",
        "DeclaredStatus: type",
        "DetailAt: type",
        "Diagnostic: interface",
        "DiagnosticCode: const",
        "ErrorCode: const",
        "ErrorCodeValue: type",
        "ErrorFormat: type",
        "ErrorStatus: type",
        "ExchangeInfo: interface",
        "ExecuteOptions: interface",
        "ExecuteResult: type",
        "ExplicitResponse: interface",
        "FetchResponseLike: interface",
        "FinalStatus: type",
        "GuardContext: interface",
        "GuardScheme: type",
        "GuardedHandler: type",
        "HandlerContext: interface",
        "HandlerResult: type",
        "HeadersInit: type",
        "HttpException: class + interface",
        "HttpExceptionOptions: interface",
        "IsOpen: type",
        "JsonSchema: type",
        "JsonValue: type",
        "MemoryStoreOptions: interface",
        "MethodDefaultPolicy: interface",
        "ModelAt: type",
        "NativeObjects: interface",
        "OAuthFlow: interface",
        "OpenApiApp: interface",
        "OpenApiDocument: type",
        "OpenApiExternalDocs: interface",
        "OpenApiInfo: interface",
        "OpenApiOptions: interface",
        "OpenApiServer: interface",
        "OpenApiTag: interface",
        "OperationDefinition: interface",
        "OperationRecord: interface",
        "OperationSpec: interface",
        "OperationStatus: type",
        "OperationStore: interface",
        "Operations: interface",
        "OperationsOptions: interface",
        "PathParams: type",
        "PolicyInput: type",
        "PolicyStatuses: type",
        "RedirectStatus: type",
        "RegisteredStatus: type",
        "RequestSpec: interface",
        "ResponseDoc: interface",
        "ResponseHeaderDoc: interface",
        "ResponseInit: interface",
        "ResponseKeyStatuses: type",
        "ResponseLinkDoc: interface",
        "ResponsesSpec: type",
        "Route: interface",
        "RouteContract: interface",
        "RouteHandler: type",
        "RouteInfo: interface",
        "RouteSpec: interface",
        "STATUS_PHRASES: const",
        "Schema: type",
        "Security: interface",
        "SecurityDefinition: interface",
        "SecurityInput: type",
        "SecurityRequirement: type",
        "SecurityScheme: type",
        "Status: const",
        "StatusClass: type",
        "StatusCode: type",
        "StatusRange: type",
        "StatusesOfClass: type",
        "Statuskit: interface",
        "StatuskitError: class",
        "StatuskitOptions: interface",
        "StoredHeader: type",
        "StoredOutcome: type",
        "SuccessStatus: type",
        "ValidationIssue: interface",
        "Verdict: type",
        "WorkContext: interface",
        "WorkResult: type",
        "bytes: function",
        "contractOf: function",
        "createOperations: function",
        "createStatuskit: function",
        "defineOperation: function",
        "definePolicy: function",
        "defineRoute: function",
        "defineSecurity: function",
        "empty: function",
        "fastapiPolicy: const",
        "forbidden: function",
        "html: function",
        "isDeclared: function",
        "isHttpException: function",
        "isRegisteredStatus: function",
        "isStatus: function",
        "isStatuskitError: function",
        "json: function",
        "memoryStore: function",
        "modelAt: function",
        "reasonPhrase: function",
        "redirect: function",
        "restPolicy: const",
        "statusClass: function",
        "stream: function",
        "text: function",
        "toOpenApi: function",
      ]
    `);
  });

  it('@statuskit/core/adapter exports what an adapter author needs', () => {
    expect(api.adapter).toMatchInlineSnapshot(`
      [
        "BodyReadError: class",
        "BodyReadFailure: type",
        "ClosingResponse: interface",
        "Exchange: interface",
        "FrameworkCheck: interface",
        "HeaderList: type",
        "JsonParse: type",
        "Match: type",
        "NeutralRequest: interface",
        "RequestBody: type",
        "Resolved: interface",
        "ResolvedOptions: interface",
        "Router: class",
        "UpstreamHints: interface",
        "assertFrameworkVersion: function",
        "carriesBody: function",
        "hasContentCoding: function",
        "headerValue: function",
        "isJsonContentType: function",
        "isStatuskit: function",
        "mountError: function",
        "parseJson: function",
        "readBody: function",
        "splitUrl: function",
      ]
    `);
  });

  it('@statuskit/core/testing exports what testing an app without a server needs', () => {
    expect(api.testing).toMatchInlineSnapshot(`
      [
        "InjectRequest: interface",
        "InjectResponse: interface",
        "inject: function",
      ]
    `);
  });

  it('the runtime values are exactly the declared ones', () => {
    const values = (list: string[]) =>
      list
        .filter((line) => /: (class|function|const)/.test(line))
        .map((line) => line.split(':')[0])
        .sort();
    expect(Object.keys(appDoor).sort()).toEqual(values(api.index));
    expect(Object.keys(adapterDoor).sort()).toEqual(values(api.adapter));
    expect(Object.keys(testingDoor).sort()).toEqual(values(api.testing));
  });
});
