// Lets a child `node` process run the gateway's TypeScript sources as they are: jest's own
// module loader bypasses the require hooks OpenTelemetry patches http with, so tracing can
// only be observed in a real Node process. Type checking is tsc's job, not this hook's.
const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      inlineSourceMap: true,
    },
  });
  module._compile(outputText, filename);
};
