import type { Rule, ValidateContext } from '../types.js';
import { isPlaceholder } from '../placeholder.js';
import { ALNUM, BASE64, fakeBody, join } from './define.js';
import { isPasswordName, isSecretName, nameWords } from './names.js';
import { isDockerLogin } from './services.js';
import { firstAtOrAfter } from '../lines.js';
import { realPassword } from './urls.js';
import { looksLikePassword, looksLikeSecret, memoLast } from './values.js';

/**
 * A Kubernetes `kind: Secret` manifest: every entry of `data:` (base64, decoded and judged) and
 * of `stringData:` (plain text) is judged by what it holds, not only by its name. A Secret is
 * where credentials go, so a random-looking value is a secret under any name (`signing:`), a
 * connection string is judged by its password and a PEM block by its kind; names that hold
 * no secret (`username`, `host`, `tls.crt`) stay quiet because their values do not look like one.
 * The manifest may put `data:` before `kind:` (kubectl sorts the keys), several documents may share
 * a file (`---`) and a `kind: List` holds them as items: the entry's own document decides.
 */

const ENTRY = /^(?<indent>[ \t]{1,16})(?<name>[A-Za-z0-9_.-]{1,253}):[ \t]{1,8}(?<quote>["']?)(?<secret>[^\s"'#|>{][^\s"']{3,16000})/m;

/** The lines of the text around `at`: start offsets, so walking up and down is cheap. */
function lineStartAt(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

function indentOf(line: string): number {
  return /^[ \t-]*/.exec(line)![0].length;
}

/** The most lines secretBlockOf walks up from an entry to its parent. */
const PARENT_LINES = 2000;

const KIND_SECRET = /^([ \t]*(?:-[ \t]+)?)kind:[ \t]*(["']?)Secret\2[ \t]*(?:#.*)?\r?$/gm;

/**
 * What secretBlockOf reads of a whole text, found once per text (each candidate searched the text
 * for its document's `---` lines and read the whole document for its `kind: Secret` line: a
 * Secret whose `data:` runs on, one short entry per line, cost over 40 s per MB): where `\n---`
 * occurs, where each `kind: Secret` line starts, by its column, and the last entry's parent.
 */
interface Manifest {
  breaks: number[];
  kinds: Map<number, number[]>;
  /**
   * The entry line asked about last, its indent, its parent line's start (-1: none), the walk's
   * count at it, and what the parent line says (its `data:`/`stringData:` and column, or null).
   */
  last: { entryStart: number; indent: number; parentStart: number; steps: number; block: Block | null } | undefined;
}

const manifestOf = memoLast((text): Manifest => {
  const breaks: number[] = [];
  for (let at = text.indexOf('\n---'); at !== -1; at = text.indexOf('\n---', at + 1)) breaks.push(at);
  const kinds = new Map<number, number[]>();
  for (const m of text.matchAll(KIND_SECRET)) {
    const column = m[1]!.length;
    let list = kinds.get(column);
    if (list === undefined) kinds.set(column, (list = []));
    list.push(m.index);
  }
  return { breaks, kinds, last: undefined };
});

/** The block (`data` or `stringData`) of a Secret document that holds the entry at `at`, if any. */
export function secretBlockOf(text: string, at: number): 'data' | 'stringData' | undefined {
  const manifest = manifestOf(text);
  const entryStart = lineStartAt(text, at);
  const entryIndent = indentOf(text.slice(entryStart, text.indexOf('\n', entryStart) >>> 0));
  // the parent: the nearest line above with less indentation (comments and blank lines skipped),
  // within PARENT_LINES lines. A walk that reaches the last entry asked about, a sibling above
  // with the same indent, goes on as that entry's did: its answer is taken, counted the same
  // (entries of one block are asked top down, and each walked up through every sibling above it)
  let parentStart = entryStart;
  let found = -1;
  let steps = 0;
  const last = manifest.last;
  for (; steps < PARENT_LINES && parentStart > 0; steps++) {
    parentStart = lineStartAt(text, parentStart - 1);
    if (last !== undefined && parentStart === last.entryStart && last.indent === entryIndent && last.entryStart < entryStart) {
      // this step reads the sibling (not a parent: the same indent); its walk's steps follow
      if (last.parentStart !== -1 && steps + 1 + last.steps < PARENT_LINES) found = last.parentStart;
      steps = last.parentStart === -1 ? PARENT_LINES : steps + 1 + last.steps;
      break;
    }
    const line = text.slice(parentStart, text.indexOf('\n', parentStart));
    if (/^\s*(?:#.*)?$/.test(line)) continue;
    if (indentOf(line) < entryIndent) {
      found = parentStart;
      break;
    }
  }
  // the parent line is read once for the siblings that share it (it may be long)
  const block = found === -1 ? null : last !== undefined && found === last.parentStart ? last.block : blockOf(text, found);
  manifest.last = { entryStart, indent: entryIndent, parentStart: found, steps, block };
  if (block === null) return undefined;
  const { column } = block;
  // the document: between the `---` lines around the entry (the last `\n---` at or before the
  // parent, the first at or after the entry), holding a `kind: Secret` line at the block's column
  const { breaks } = manifest;
  const before = firstAtOrAfter(breaks, found + 1) - 1;
  const docStart = before >= 0 ? breaks[before]! + 1 : 0;
  const after = firstAtOrAfter(breaks, at);
  const docEnd = after < breaks.length ? breaks[after]! : text.length;
  const kinds = manifest.kinds.get(column);
  if (kinds === undefined) return undefined;
  const kind = firstAtOrAfter(kinds, docStart);
  return kind < kinds.length && kinds[kind]! < docEnd ? block.name : undefined;
}

type Block = { name: 'data' | 'stringData'; column: number };

/** The parent line at `start`, if it opens a `data:` or `stringData:` block: which, and its column. */
function blockOf(text: string, start: number): Block | null {
  const parent = text.slice(start, text.indexOf('\n', start));
  const block = /^([ \t]*(?:-[ \t]+)?)(data|stringData):[ \t]*(?:#.*)?\r?$/.exec(parent);
  return block === null ? null : { name: block[2] as 'data' | 'stringData', column: block[1]!.length };
}

/** A value a Secret holds, as text: a secret unless it names, counts or points at something. */
function judgeValue(value: string, name: string): boolean {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) return true;
  if (/-----BEGIN /.test(value)) return false; // certificates, public keys
  // .dockerconfigjson / .dockercfg: a Docker config, judged by its registry logins
  if (value.includes('"auth"') && (value.includes('"auths"') || /dockercfg/i.test(name))) {
    return [...value.matchAll(/"auth"[ \t]*:[ \t]*"([A-Za-z0-9+/]{8,12000}={0,2})"/g)].some((m) => isDockerLogin(m[1]!));
  }
  if (/[\r\n]/.test(value)) return false; // a config file: its own lines are not judged here
  if (isPlaceholder(value, { testMarkers: true })) return false;
  const url = /^[a-z][a-z0-9+.-]{1,20}:\/\/(?<user>[^\s:@/]{0,100}):(?<password>[^\s@/]{1,200})@/i.exec(value);
  if (url) return realPassword(url.groups!.password!, url.groups!.user!);
  // a password that repeats a word of its own name (`mysql`, `keycloak`): a local default
  const bare = value.toLowerCase().replace(/[^a-z]+$/, '');
  if (bare.length >= 3 && nameWords(name).includes(bare)) return false;
  if (isPasswordName(name)) return looksLikePassword(value);
  if (isSecretName(name)) return looksLikeSecret(value, 12, 3);
  return looksLikeSecret(value, 16, 3.5);
}

function judgeEntry(secret: string, context: ValidateContext): boolean {
  const text = context.text;
  if (text === undefined || context.index === undefined) return false;
  const block = secretBlockOf(text, context.index);
  if (block === undefined) return false;
  const name = context.groups?.name ?? '';
  if (block === 'stringData') return judgeValue(secret, name);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secret) || secret.length % 4 !== 0) return false;
  const bytes = Buffer.from(secret, 'base64');
  const decoded = bytes.toString('utf8');
  // binary: a random key (32 bytes of an encryption key) unless it is short or repetitive
  if (/[\x00-\x08\x0e-\x1f\x7f\ufffd]/.test(decoded)) return bytes.length >= 16 && looksLikeSecret(secret, 20, 4);
  return judgeValue(decoded, name);
}

const b64 = (s: string): string => Buffer.from(s).toString('base64');

function pem(kind: string, seed: number): string {
  const body = fakeBody(BASE64, 256, seed);
  const lines = body.match(/.{1,64}/g)!.join('\n');
  return join('-----', `BEGIN ${kind}-----\n`, lines, `\n-----END ${kind}-----\n`);
}

export const kubernetesRules: Rule[] = [
  {
    id: 'kubernetes-secret-manifest',
    description: 'Credential in a Kubernetes Secret manifest (data: decoded, stringData:)',
    keywords: ['kind: secret', 'kind: "secret"', "kind: 'secret'"],
    regex: ENTRY,
    // the data: block may sit well before or after the kind: line
    window: { before: 16_000, after: 32_000, multiline: true },
    severity: 'error',
    // more specific than the generic rules that read the same name: value
    priority: 15,
    strictPlaceholders: true,
    fix: 'Keep Secret manifests out of git: create them in the cluster (kubectl create secret), or commit them encrypted (Sealed Secrets, SOPS) or as ExternalSecret references.',
    validate: judgeEntry,
    sample: {
      // base64 of a random value, under a name that says nothing: only the kind: Secret tells
      secret: (seed) => b64(fakeBody(ALNUM, 40, seed)),
      text: (secret) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ntype: Opaque\ndata:\n  signing: ${secret}\n`,
      // the same entry in a ConfigMap
      nearMiss: (seed) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  signing: ${b64(fakeBody(ALNUM, 40, seed))}\n`,
      placeholder: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\ndata:\n  signing: ${b64('your-signing-key-here')}\n`,
    },
    examples: (seed) => {
      const signing = fakeBody(ALNUM, 40, seed());
      const pw = join(fakeBody(ALNUM, 12, seed()), '#4');
      return {
        positives: [
          `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api\ntype: Opaque\ndata:\n  username: ${b64('deploy')}\n  signing: ${b64(signing)}\n`,
          // kubectl's output: keys sorted, data before kind; a private key under tls.key
          `apiVersion: v1\ndata:\n  tls.crt: ${b64(pem('CERTIFICATE', seed()))}\n  tls.key: ${b64(pem('PRIVATE KEY', seed()))}\nkind: Secret\nmetadata:\n  name: web-tls\ntype: kubernetes.io/tls\n`,
          `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  DATABASE_URL: ${b64(`postgres://app:${pw}@db.internal:5432/app`)}\n`,
          `apiVersion: v1\nkind: Secret\nmetadata:\n  name: hooks\nstringData:\n  webhook: ${fakeBody(ALNUM, 36, seed())}\n`,
          `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Secret\n    metadata:\n      name: worker\n    data:\n      session: ${b64(fakeBody(ALNUM, 32, seed()))}\n`,
          // a registry login: .dockerconfigjson is a Docker config, base64-encoded
          `apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${b64(`{"auths":{"registry.internal.net":{"username":"ci","auth":"${b64(`ci:${pw}`)}"}}}`)}\n`,
          // a binary key (32 random bytes)
          `kind: Secret\ndata:\n  master: ${Buffer.from(Buffer.from(fakeBody(ALNUM, 32, seed()), 'latin1').map((b, i) => (b * 7 + i * 31) & 0xff)).toString('base64')}\n`,
        ],
        negatives: [
          `apiVersion: v1\nkind: Secret\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: ${b64(`{"auths":{"registry.internal.net":{"auth":"${b64('user:password')}"}}}`)}\n`,
          `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  signing: ${b64(signing)}\n`,
          `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  username: ${b64('admin')}\n  host: ${b64('db.internal.example.net')}\n  port: ${b64('5432')}\n  tls.crt: ${b64(pem('CERTIFICATE', seed()))}\n`,
          `apiVersion: v1\nkind: Secret\ndata:\n  password: {{ .Values.password | b64enc }}\n  token: ${b64('changeme')}\n`,
          `apiVersion: v1\nkind: Secret\nstringData:\n  POSTGRES_PASSWORD: postgres\n  API_TOKEN: \${API_TOKEN}\n`,
          `apiVersion: v1\nkind: Secret\ndata:\n  username: ${b64('deploy')}\n---\napiVersion: v1\nkind: ConfigMap\ndata:\n  signing: ${b64(signing)}\n`,
          `apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nspec:\n  parameters:\n    objects: ${b64(signing)}\n`,
        ],
      };
    },
  },
];
