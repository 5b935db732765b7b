import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

/**
 * A literal given to an SDK's credential parameter is a key whatever its variable is
 * called: `new Stripe('…')`, viem `privateKeyToAccount('0x…')`, `twilio(sid, token)`.
 * `sinkName` returns the name the SDK gives that parameter, so core's scanner judges the
 * value as it judges `privateKey = '…'` — same rules, entropy and placeholder checks as
 * `keyguard scan`, with the name the source text lacks.
 */

interface Sink {
  /** The callee's last name: `Wallet` of `new ethers.Wallet`, `fromSecretKey` of `Keypair.fromSecretKey`. */
  callee: string;
  /** For a member call, the object's last name (`Keypair`); undefined: any or none. */
  object?: string;
  /** Argument position → the SDK's name for it. */
  parameters: Readonly<Record<number, string>>;
  /** Only in files that import one of these modules (for names as common as `login`). */
  modules?: readonly string[];
}

/** Popular SDKs' credential parameters, by position (options objects name their own keys). */
const SINKS: readonly Sink[] = [
  { callee: 'Wallet', parameters: { 0: 'privateKey' } }, // ethers
  { callee: 'privateKeyToAccount', parameters: { 0: 'privateKey' } }, // viem
  { callee: 'privateKeyToAddress', parameters: { 0: 'privateKey' } },
  { callee: 'fromSecretKey', object: 'Keypair', parameters: { 0: 'secretKey' } }, // @solana/web3.js
  { callee: 'fromSeed', object: 'Keypair', parameters: { 0: 'secretSeed' } },
  { callee: 'Stripe', parameters: { 0: 'stripeSecretKey' } },
  { callee: 'twilio', parameters: { 1: 'twilioAuthToken' } },
  { callee: 'Twilio', parameters: { 1: 'twilioAuthToken' } },
  { callee: 'login', parameters: { 0: 'discordBotToken' }, modules: ['discord.js', 'eris', 'oceanic.js'] },
  { callee: 'Telegraf', parameters: { 0: 'botToken' } },
  { callee: 'TelegramBot', parameters: { 0: 'botToken' } },
  { callee: 'setApiKey', parameters: { 0: 'apiKey' } }, // @sendgrid/mail, mailchimp
  { callee: 'createClient', parameters: { 1: 'supabaseKey' }, modules: ['@supabase/supabase-js'] },
];

/** Calls that only change a literal's encoding on its way to the sink: `bs58.decode('…')`. */
const ENCODINGS = new Set(['decode', 'from', 'hexToBytes', 'fromHex', 'base58ToBytes', 'parse']);

type Call = TSESTree.CallExpression | TSESTree.NewExpression;

export interface SinkArgument {
  call: Call;
  index: number;
}

/** The call and position a literal is passed at, through encoding wrappers and `as` casts. */
export function sinkArgument(literal: TSESTree.Node): SinkArgument | undefined {
  let node: TSESTree.Node = literal;
  for (let depth = 0; depth < 4; depth++) {
    const parent = node.parent;
    if (parent == null) return undefined;
    if (parent.type === 'TSAsExpression' || parent.type === 'TSNonNullExpression' || parent.type === 'ArrayExpression') {
      node = parent;
      continue;
    }
    if (parent.type !== 'CallExpression' && parent.type !== 'NewExpression') return undefined;
    const index = parent.arguments.indexOf(node as TSESTree.CallExpressionArgument);
    if (index === -1) return undefined;
    if (isEncoding(parent)) {
      node = parent;
      continue;
    }
    return { call: parent, index };
  }
  return undefined;
}

function isEncoding(call: Call): boolean {
  const name = lastName(call.callee);
  return name !== undefined && ENCODINGS.has(name) && !SINKS.some((sink) => sink.callee === name);
}

/** The SDK's name for the argument, from the table. */
export function sinkName(argument: SinkArgument, importedModules: () => ReadonlySet<string>): string | undefined {
  const { call, index } = argument;
  const callee = lastName(call.callee);
  if (callee === undefined) return undefined;
  for (const sink of SINKS) {
    if (sink.callee !== callee) continue;
    const name = sink.parameters[index];
    if (name === undefined) continue;
    if (sink.object !== undefined && (call.callee.type !== 'MemberExpression' || lastName(call.callee.object) !== sink.object)) continue;
    if (sink.modules !== undefined && !sink.modules.some((module) => importedModules().has(module))) continue;
    return name;
  }
  return undefined;
}

/** Parameter names that say "credential" when an SDK's declaration uses them. */
const CREDENTIAL_PARAMETER = /(api_?key|secret|private_?key|token|password|passwd|credential|auth_?key|access_?key|mnemonic|seed_?phrase)/i;

/**
 * With typed linting, the name the callee's own declaration gives the parameter
 * (`function connect(host: string, apiKey: string)`), when it names a credential. Reads
 * TypeScript through ESLint's parser services, so nothing loads TypeScript without them.
 */
export function declaredParameterName(
  argument: SinkArgument,
  sourceCode: Readonly<TSESLint.SourceCode>,
): string | undefined {
  const services = sourceCode.parserServices as Partial<TypedServices> | undefined;
  if (services?.program == null || services.esTreeNodeToTSNodeMap === undefined) return undefined;
  try {
    const checker = services.program.getTypeChecker();
    const signature = checker.getResolvedSignature(services.esTreeNodeToTSNodeMap.get(argument.call));
    const parameters = signature?.getParameters() ?? [];
    const parameter = parameters[Math.min(argument.index, parameters.length - 1)];
    // A rest parameter (`...args`) names all the arguments after it, none in particular.
    if (parameter === undefined || (argument.index >= parameters.length - 1 && isRest(parameter))) return undefined;
    const name = parameter.getName();
    return CREDENTIAL_PARAMETER.test(name) ? name : undefined;
  } catch {
    return undefined; // a checker that cannot resolve the call says nothing
  }
}

interface TypedServices {
  program: { getTypeChecker(): Checker };
  esTreeNodeToTSNodeMap: { get(node: TSESTree.Node): unknown };
}
interface Checker {
  getResolvedSignature(node: unknown): { getParameters(): ParameterSymbol[] } | undefined;
}
interface ParameterSymbol {
  getName(): string;
  valueDeclaration?: { dotDotDotToken?: unknown };
}

function isRest(parameter: ParameterSymbol): boolean {
  return parameter.valueDeclaration?.dotDotDotToken != null;
}

function lastName(node: TSESTree.Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') return node.property.name;
  return undefined;
}
