/**
 * The layer rules of Earshot, checked by `npm run rules` (part of `npm test`):
 *
 *   domain      shared/domain, shared/classifier, shared/digest, shared/email, shared/errors.ts: pure; imports only domain
 *   rendering   shared/emails, shared/web: HTML and text of emails and pages; imports domain and ports
 *   ports       shared/ports: the interfaces use cases need; imports only domain
 *   use cases   shared/use-cases: import domain, ports, rendering (and config, errors, logger); never adapters
 *   adapters    shared/adapters, shared/mentions: implement ports with the AWS SDK or HTTP; never use cases
 *   handlers    functions/<name>/make-handler.ts (and its other modules) and shared/http: take ports, never adapters, never infra/
 *   roots       functions/<name>/deps.ts builds a function's adapters; handler.ts is
 *               `makeXHandler(createXDeps(loadConfig()))` and nothing else
 *   compositions shared/composition: deps several roots build alike (both feedback consumers); only
 *               roots (and infra/, tests, benchmarks) import them
 *   infra       infra/: CDK and the local stack; may use everything
 *
 * and no cycles anywhere. The rules are written once, here; test/unit/layer-rules.test.ts proves each
 * one fails on a forbidden import.
 */
const DOMAIN = '^shared/((domain|classifier|digest|email)/|errors[.]ts$)';
const RENDERING = '^shared/(emails|web)/';
const PORTS = '^shared/ports/';
const USE_CASES = '^shared/use-cases/';
const ADAPTERS = '^shared/(adapters|mentions)/';
const HTTP = '^shared/http/';
const CONFIG = '^shared/config[.]ts$';
const COMPOSITION = '^shared/composition/';
const PROJECT = '^(shared|functions|infra|cli|bench|scripts|test)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'Modules never import each other in a circle (type-only imports count).',
      severity: 'error',
      from: { path: PROJECT },
      to: { circular: true },
    },
    {
      name: 'domain-imports-only-domain',
      comment: 'The domain is pure: no configuration, ports, rendering, adapters, use cases, handlers or infra.',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: PROJECT, pathNot: DOMAIN },
    },
    {
      name: 'domain-has-no-aws',
      comment: 'The domain does not talk to AWS or log: that is what adapters and handlers are for.',
      severity: 'error',
      from: { path: DOMAIN },
      to: { path: 'node_modules/@aws-(sdk|lambda-powertools)/' },
    },
    {
      name: 'rendering-imports-domain-and-ports',
      comment: 'Emails and pages render domain values; they never read the store or the configuration.',
      severity: 'error',
      from: { path: RENDERING },
      to: { path: PROJECT, pathNot: [DOMAIN, RENDERING, PORTS] },
    },
    {
      name: 'ports-import-only-domain',
      comment: 'Ports describe what use cases need in domain terms.',
      severity: 'error',
      from: { path: PORTS },
      to: { path: PROJECT, pathNot: [DOMAIN, PORTS] },
    },
    {
      name: 'use-cases-never-import-adapters',
      comment: 'Use cases receive ports as parameters; they never build or import an adapter, a handler or infra.',
      severity: 'error',
      from: { path: USE_CASES },
      to: { path: [ADAPTERS, HTTP, '^functions/', '^infra/', '^cli/', '^bench/'] },
    },
    {
      name: 'use-cases-have-no-aws',
      comment: 'Use cases do not call AWS: the adapters behind their ports do.',
      severity: 'error',
      from: { path: USE_CASES },
      to: { path: 'node_modules/@aws-sdk/' },
    },
    {
      name: 'adapters-never-import-use-cases',
      comment: 'Adapters implement ports; they do not call use cases, handlers or infra.',
      severity: 'error',
      from: { path: ADAPTERS },
      to: { path: [USE_CASES, HTTP, '^functions/', '^infra/', '^cli/', '^bench/'] },
    },
    {
      name: 'handlers-never-import-infra',
      comment: 'A function runs the same in Lambda and locally: nothing in functions/ or shared/ knows infra/.',
      severity: 'error',
      from: { path: ['^functions/', '^shared/'] },
      to: { path: '^infra/' },
    },
    {
      name: 'handlers-take-ports-not-adapters',
      comment: 'makeXHandler receives its deps; only the composition root (deps.ts) builds adapters.',
      severity: 'error',
      from: { path: ['^functions/[^/]+/(?!(deps|handler)[.]ts$)', HTTP] },
      to: { path: ADAPTERS },
    },
    {
      name: 'entry-point-is-one-line',
      comment: 'functions/<name>/handler.ts is makeXHandler(createXDeps(loadConfig())): its own two modules and the config, nothing else.',
      severity: 'error',
      from: { path: '^functions/([^/]+)/handler[.]ts$' },
      to: { path: PROJECT, pathNot: ['^functions/$1/(deps|make-handler)[.]ts$', CONFIG] },
    },
    {
      name: 'functions-stay-apart',
      comment: 'A function never imports another function: what they share lives in shared/.',
      severity: 'error',
      from: { path: '^functions/([^/]+)/' },
      to: { path: '^functions/', pathNot: '^functions/$1/' },
    },
    {
      name: 'compositions-only-in-roots',
      comment: 'A shared composition builds adapters: only a composition root (functions/<name>/deps.ts) uses one.',
      severity: 'error',
      from: { path: ['^shared/', '^functions/[^/]+/(?!deps[.]ts$)'], pathNot: COMPOSITION },
      to: { path: COMPOSITION },
    },
    {
      name: 'shared-never-imports-functions',
      comment: 'shared/ is below the functions, the CLI, the benchmarks and the tests.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(functions|cli|bench|scripts|test)/' },
    },
  ],
  required: [
    {
      name: 'adapters-implement-ports',
      comment: 'Every adapter module implements (imports) a port; client factories, meters and the table module repositories build on are not adapters.',
      severity: 'error',
      module: { path: ADAPTERS, pathNot: ['-client[.]ts$', 'client-options[.]ts$', 'dynamo-metrics[.]ts$', '^shared/adapters/dynamo/(entity|repository)[.]ts$', '^shared/mentions/(?!sources[.]ts$|http[.]ts$|page[.]ts$)'] },
      to: { path: PORTS },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|cdk[.]out|[.]earshot)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
