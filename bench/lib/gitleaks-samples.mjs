// gitleaks' rule tests, read the way its own tests build them: every rule function of
// cmd/generate/config/rules/*.go ends in utils.Validate(r, tps, fps) (or ValidateWithPaths with
// path -> text maps), and most of its positives are generated at test time:
// utils.GenerateSampleSecrets(identifier, secrets.NewSecret(<regex>)) writes one random string
// matching the regex into some two dozen assignment forms. This module evaluates the small part of
// Go those files use (string literals, +, fmt.Sprintf, []string{} and map literals, append, local
// variables, package variables, zero-argument helper functions) and reimplements the helpers that
// build regexes and samples, plus a seeded generator of strings matching a regex. Nothing of
// gitleaks' code is copied: the helpers are rewritten from what they do. What it cannot evaluate
// (loops, base64 of built strings, a regex feature the generator lacks) is counted as not
// generated, never as found or missed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// ---- tokens ------------------------------------------------------------------------------------
const simpleEscapes = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v' };

function tokenize(src) {
  const tokens = [];
  let i = 0;
  let nl = true;
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') { nl = true; i++; continue; }
    if (/\s/.test(c)) { i++; continue; }
    if (src.startsWith('//', i)) { const e = src.indexOf('\n', i); i = e < 0 ? src.length : e; continue; }
    if (src.startsWith('/*', i)) { const e = src.indexOf('*/', i + 2); if (src.slice(i, e).includes('\n')) nl = true; i = e < 0 ? src.length : e + 2; continue; }
    const at = i;
    let tok;
    if (c === '`') {
      const e = src.indexOf('`', i + 1);
      tok = { t: 'str', v: src.slice(i + 1, e) };
      i = e + 1;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let out = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\') {
          const d = src[j + 1];
          if (d in simpleEscapes) { out += simpleEscapes[d]; j += 2; continue; }
          if (d === 'x') { out += String.fromCharCode(parseInt(src.slice(j + 2, j + 4), 16)); j += 4; continue; }
          if (d === 'u') { out += String.fromCharCode(parseInt(src.slice(j + 2, j + 6), 16)); j += 6; continue; }
          out += d; j += 2; continue;
        }
        out += src[j++];
      }
      tok = { t: c === '"' ? 'str' : 'rune', v: out };
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/.exec(src.slice(i, i + 200));
      tok = { t: 'id', v: m[0] };
      i += m[0].length;
    } else if (/\d/.test(c)) {
      const m = /^\d+/.exec(src.slice(i, i + 40));
      tok = { t: 'num', v: Number(m[0]) };
      i += m[0].length;
    } else {
      const op = ['...', ':=', '==', '!=', '&&', '||', '+=', '++', '--', '<-', '<=', '>='].find((o) => src.startsWith(o, i)) ?? c;
      tok = { t: 'op', v: op };
      i += op.length;
    }
    tok.nl = nl;
    tok.at = at;
    nl = false;
    tokens.push(tok);
  }
  return tokens;
}

// ---- a regex -> one random matching string ---------------------------------------------------------
class Unsupported extends Error {}

// mulberry32: small, seeded, good enough to draw characters
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const printable = Array.from({ length: 95 }, (_, k) => String.fromCharCode(32 + k));
const classOf = {
  d: (ch) => /\d/.test(ch),
  w: (ch) => /\w/.test(ch),
  s: (ch) => ch === ' ',
};

function parseRegex(re) {
  let i = 0;
  let fold = false;
  const alt = () => {
    const options = [seq()];
    while (re[i] === '|') { i++; options.push(seq()); }
    return options.length === 1 ? options[0] : { alt: options };
  };
  const seq = () => {
    const items = [];
    while (i < re.length && re[i] !== '|' && re[i] !== ')') {
      let node = atom();
      if (node === null) continue;
      const q = quantifier();
      if (q) node = { repeat: node, min: q[0], max: q[1] };
      items.push(node);
    }
    return { seq: items };
  };
  const quantifier = () => {
    let q;
    if (re[i] === '*') { q = [0, -1]; i++; } else if (re[i] === '+') { q = [1, -1]; i++; } else if (re[i] === '?') { q = [0, 1]; i++; } else if (re[i] === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(re.slice(i));
      if (!m) return undefined;
      q = [Number(m[1]), m[2] === undefined ? Number(m[1]) : m[3] === '' ? -1 : Number(m[3])];
      i += m[0].length;
    }
    if (q && re[i] === '?') i++; // lazy
    return q;
  };
  const set = (pred) => ({ set: printable.filter((ch) => pred(ch) || (fold && pred(ch.toLowerCase() === ch ? ch.toUpperCase() : ch.toLowerCase()))) });
  const escape = () => {
    const d = re[i + 1];
    i += 2;
    if ('bBAz'.includes(d)) return null;
    if (d in classOf) return set(classOf[d]);
    if ('DWS'.includes(d)) { const p = classOf[d.toLowerCase()]; return set((ch) => !p(ch)); }
    if (d === 'x') {
      const m = /^\{([0-9a-fA-F]+)\}|^([0-9a-fA-F]{2})/.exec(re.slice(i));
      i += m[0].length;
      return { lit: String.fromCharCode(parseInt(m[1] ?? m[2], 16)) };
    }
    if (d === 'n') return { lit: '\n' };
    if (d === 'r') return { lit: '\r' };
    if (d === 't') return { lit: '\t' };
    if (/[A-Za-z0-9]/.test(d)) throw new Unsupported(`regex escape \\${d}`);
    return { lit: d };
  };
  const charClass = () => {
    i++;
    let negate = false;
    if (re[i] === '^') { negate = true; i++; }
    const preds = [];
    let first = true;
    while (i < re.length && (re[i] !== ']' || first)) {
      first = false;
      let lo;
      if (re.startsWith('[:', i)) throw new Unsupported('POSIX class');
      if (re[i] === '\\') {
        const d = re[i + 1];
        if (d in classOf) { preds.push(classOf[d]); i += 2; continue; }
        if ('DWS'.includes(d)) { const p = classOf[d.toLowerCase()]; preds.push((ch) => !p(ch)); i += 2; continue; }
        if (d === 'x') {
          const m = /^\\x(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{2}))/.exec(re.slice(i));
          lo = String.fromCharCode(parseInt(m[1] ?? m[2], 16)); i += m[0].length;
        } else if (d === 'n' || d === 'r' || d === 't') { lo = { n: '\n', r: '\r', t: '\t' }[d]; i += 2; } else if (/[A-Za-z0-9]/.test(d)) throw new Unsupported(`class escape \\${d}`);
        else { lo = d; i += 2; }
      } else lo = re[i++];
      if (re[i] === '-' && re[i + 1] !== ']' && i + 1 < re.length) {
        i++;
        let hi;
        if (re[i] === '\\') { hi = re[i + 1]; i += 2; } else hi = re[i++];
        const a = lo.charCodeAt(0), b = hi.charCodeAt(0);
        preds.push((ch) => ch.charCodeAt(0) >= a && ch.charCodeAt(0) <= b);
      } else { const l = lo; preds.push((ch) => ch === l); }
    }
    i++;
    const inSet = (ch) => preds.some((p) => p(ch));
    const node = set(negate ? (ch) => !inSet(ch) : inSet);
    if (node.set.length === 0) throw new Unsupported('empty class');
    return node;
  };
  const group = () => {
    i++;
    const outer = fold;
    if (re[i] === '?') {
      const m = /^\?(?:P?<\w+>|([imsU-]*)(:|\)))/.exec(re.slice(i));
      if (!m) throw new Unsupported('group syntax');
      i += m[0].length;
      const flags = m[1] ?? '';
      const on = flags.split('-')[0], off = flags.split('-')[1] ?? '';
      if (on.includes('i')) fold = true;
      if (off.includes('i')) fold = false;
      if (m[2] === ')') return null; // (?i) sets the flag for the rest of the enclosing group
    }
    const inner = alt();
    if (re[i] !== ')') throw new Unsupported('unbalanced group');
    i++;
    fold = outer;
    return inner;
  };
  const atom = () => {
    const c = re[i];
    if (c === '(') return group();
    if (c === '[') return charClass();
    if (c === '\\') return escape();
    if (c === '^' || c === '$') { i++; return null; }
    if (c === '.') { i++; return { set: printable }; }
    if (c === '*' || c === '+' || c === '?' || c === '{') throw new Unsupported('quantifier without an atom');
    i++;
    return { lit: c };
  };
  const tree = alt();
  if (i < re.length) throw new Unsupported('unbalanced )');
  return tree;
}

function generate(node, rand) {
  if (node.lit !== undefined) return node.lit;
  if (node.set) return node.set[Math.floor(rand() * node.set.length)];
  if (node.seq) return node.seq.map((n) => generate(n, rand)).join('');
  if (node.alt) return generate(node.alt[Math.floor(rand() * node.alt.length)], rand);
  // an open quantifier goes at most one past its minimum (the generator gitleaks uses is called with a limit of 1)
  const max = node.max < 0 ? node.min + 1 : node.max;
  const count = node.min + Math.floor(rand() * (max - node.min + 1));
  let out = '';
  for (let k = 0; k < count; k++) out += generate(node.repeat, rand);
  return out;
}

export function randomMatch(regex, rand) {
  return generate(parseRegex(regex), rand);
}

// ---- the sample forms GenerateSampleSecrets writes (ini, json, xml, yaml, code, make) ------------
// {i} the identifier, {I} it upper-cased, {s} the secret: one per form gitleaks' generator enables.
const sampleForms = [
  '{i}Token="{s}"', '{i}Token = "{s}"', '{i}Token={s}', '{i}Token = {s}',
  '{\n    "{i}_token": "{s}"\n}', '{"config.ini": "{I}_TOKEN={s}\\nBACKUP_ENABLED=true"}',
  '<{i}Token>\n    {s}\n</{i}Token>',
  '{i}_token: {s}', "{i}_token: '{s}'", '{i}_token: "{s}"',
  'string {i}Token = "{s}";', 'var {i}Token string = "{s}"', '{i}Token := "{s}"', '{i}Token := `{s}`',
  'String {i}Token = "{s}";', 'var {i}Token = "{s}"', '${i}Token .= "{s}"', "{i}Token = '{s}'", '{i}Token = "{s}"',
  'System.setProperty("{I}_TOKEN", "{s}")', '  "{i}Token" => "{s}"',
  '{i}_TOKEN = "{s}"', '{i}_TOKEN := "{s}"', '{i}_TOKEN ::= "{s}"', '{i}_TOKEN :::= "{s}"', '{i}_TOKEN ?= "{s}"',
];

function fill(form, identifier, secret) {
  return form.replace(/\{i\}|\{I\}|\{s\}/g, (m) => (m === '{i}' ? identifier : m === '{I}' ? identifier.toUpperCase() : secret));
}

const regexHelpers = {
  'utils.Numeric': (n) => `[0-9]{${n}}`,
  'utils.Hex': (n) => `[a-f0-9]{${n}}`,
  'utils.AlphaNumeric': (n) => `[a-z0-9]{${n}}`,
  'utils.AlphaNumericExtendedShort': (n) => `[a-z0-9_-]{${n}}`,
  'utils.AlphaNumericExtended': (n) => `[a-z0-9=_\\-]{${n}}`,
  'utils.AlphaNumericExtendedLong': (n) => `[a-z0-9\\/=_\\+\\-]{${n}}`,
  'utils.Hex8_4_4_4_12': () => '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
};

// ---- evaluation --------------------------------------------------------------------------------
// A value is { s: string, gen } or { list: [{ s, gen }] } or { map: [{ path, s, gen }] } or { num }.
class Program {
  constructor(files) {
    this.funcs = new Map(); // name -> { file, tokens, body: [start, end] }
    this.pkgVars = new Map(); // name -> { file, tokens, start }
    this.pkgValues = new Map();
    for (const { file, tokens } of files) this.index(file, tokens);
  }

  index(file, tokens) {
    for (let k = 0; k < tokens.length; k++) {
      const tok = tokens[k];
      if (!tok.nl || tok.t !== 'id') continue;
      if (tok.v === 'func' && tokens[k + 1]?.t === 'id' && tokens[k + 2]?.v === '(') {
        let j = k + 3;
        while (j < tokens.length && tokens[j].v !== '{') j++;
        const end = matching(tokens, j);
        this.funcs.set(tokens[k + 1].v, { file, tokens, name: tokens[k + 1].v, params: tokens[k + 3].v !== ')', start: j + 1, end });
        k = end;
      } else if (tok.v === 'var' || tok.v === 'const') {
        const decl = (j) => {
          if (tokens[j]?.t !== 'id') return;
          let e = j + 1;
          while (e < tokens.length && tokens[e].v !== '=' && !tokens[e].nl) e++;
          if (tokens[e]?.v === '=') this.pkgVars.set(tokens[j].v, { file, tokens, start: e + 1 });
        };
        if (tokens[k + 1]?.v === '(') {
          const end = matching(tokens, k + 1);
          for (let j = k + 2; j < end; j++) if (tokens[j].nl) decl(j);
          k = end;
        } else decl(k + 1);
      }
    }
  }

  pkgVar(name, ctx) {
    if (this.pkgValues.has(name)) return this.pkgValues.get(name);
    const decl = this.pkgVars.get(name);
    if (!decl) return undefined;
    const sub = { file: decl.file, tokens: decl.tokens, env: new Map(), rand: rng(hash(`${decl.file}:${name}`)), notGenerated: ctx.notGenerated };
    const value = this.expr(sub, decl.start).value;
    this.pkgValues.set(name, value);
    return value;
  }

  // evaluates the expression at tokens[k]; returns { value, next }
  expr(ctx, k) {
    let { value, next } = this.unary(ctx, k);
    while (ctx.tokens[next]?.v === '+') {
      const right = this.unary(ctx, next + 1);
      if (value.s === undefined || right.value.s === undefined) throw new Unsupported('+ on a non-string');
      value = { s: value.s + right.value.s, gen: value.gen || right.value.gen };
      next = right.next;
    }
    return { value, next };
  }

  args(ctx, k) {
    // tokens[k] is '('; returns { list: [{ value, spread }], next }
    const list = [];
    let j = k + 1;
    while (ctx.tokens[j].v !== ')') {
      const { value, next } = this.expr(ctx, j);
      let spread = false;
      j = next;
      if (ctx.tokens[j].v === '...') { spread = true; j++; }
      list.push({ value, spread });
      if (ctx.tokens[j].v === ',') j++;
    }
    return { list, next: j + 1 };
  }

  composite(ctx, k, kind) {
    // tokens[k] is '{'; elements are expressions, or key: value for maps
    const items = [];
    let j = k + 1;
    while (ctx.tokens[j].v !== '}') {
      if (kind === 'map') {
        const key = this.expr(ctx, j);
        if (ctx.tokens[key.next].v !== ':') throw new Unsupported('map literal');
        const val = this.expr(ctx, key.next + 1);
        items.push({ path: key.value.s, s: val.value.s, gen: key.value.gen || val.value.gen });
        j = val.next;
      } else {
        // one element that cannot be evaluated is one sample not generated; the others still count
        try {
          const { value, next } = this.expr(ctx, j);
          if (value.s === undefined) throw new Unsupported('element not a string');
          items.push({ s: value.s, gen: value.gen });
          j = next;
        } catch (error) {
          if (!(error instanceof Unsupported)) throw error;
          ctx.notGenerated.push(`${ctx.file}: ${error.message}`);
          j = skipElement(ctx.tokens, j);
        }
      }
      if (ctx.tokens[j].v === ',') j++;
    }
    return { value: kind === 'map' ? { map: items } : { list: items }, next: j + 1 };
  }

  unary(ctx, k) {
    const tok = ctx.tokens[k];
    if (!tok) throw new Unsupported('end of file');
    if (tok.t === 'str') return { value: { s: tok.v, gen: false }, next: k + 1 };
    if (tok.t === 'num') return { value: { num: tok.v }, next: k + 1 };
    if (tok.v === '(') {
      const inner = this.expr(ctx, k + 1);
      return { value: inner.value, next: inner.next + 1 };
    }
    if (tok.v === '[' && ctx.tokens[k + 1].v === ']' && ctx.tokens[k + 2].v === 'string' && ctx.tokens[k + 3].v === '{') return this.composite(ctx, k + 3, 'list');
    if (tok.v === 'map' && ctx.tokens[k + 1].v === '[' && ctx.tokens[k + 2].v === 'string' && ctx.tokens[k + 3].v === ']' && ctx.tokens[k + 4].v === 'string' && ctx.tokens[k + 5].v === '{') return this.composite(ctx, k + 5, 'map');
    if (tok.v === '[' && ctx.tokens[k + 1].v === ']' && ctx.tokens[k + 2].v === 'byte' && ctx.tokens[k + 3].v === '(') {
      const inner = this.expr(ctx, k + 4);
      return { value: inner.value, next: inner.next + 1 };
    }
    if (tok.v === 'nil') return { value: { list: [] }, next: k + 1 };
    if (tok.t !== 'id') throw new Unsupported(`expression at ${tok.v}`);
    if (ctx.tokens[k + 1]?.v === '(') {
      const { list, next } = this.args(ctx, k + 1);
      return { value: this.call(ctx, tok.v, list), next };
    }
    if (ctx.env.has(tok.v)) return { value: ctx.env.get(tok.v), next: k + 1 };
    const pkg = this.pkgVar(tok.v, ctx);
    if (pkg !== undefined) return { value: pkg, next: k + 1 };
    throw new Unsupported(`unknown name ${tok.v}`);
  }

  call(ctx, name, args) {
    const str = (n) => {
      const v = args[n]?.value;
      if (v?.s === undefined) throw new Unsupported(`${name}: argument ${n} not a string`);
      return v;
    };
    if (name in regexHelpers) return { s: regexHelpers[name](args[0] ? str(0).s : undefined), gen: false };
    switch (name) {
      case 'fmt.Sprintf': {
        let n = 1;
        let gen = str(0).gen;
        const s = str(0).s.replace(/%[-+# 0]*\d*[svdq%]/g, (m) => {
          if (m === '%%') return '%';
          const v = args[n++]?.value;
          if (!v || (v.s === undefined && v.num === undefined)) throw new Unsupported('Sprintf argument');
          gen ||= Boolean(v.gen);
          return m.endsWith('q') ? JSON.stringify(v.s) : String(v.s ?? v.num);
        });
        return { s, gen };
      }
      case 'base64.StdEncoding.EncodeToString':
      case 'b64.StdEncoding.EncodeToString': return { s: Buffer.from(str(0).s, 'utf8').toString('base64'), gen: str(0).gen };
      case 'strings.ToUpper': return { s: str(0).s.toUpperCase(), gen: str(0).gen };
      case 'strings.ToLower': return { s: str(0).s.toLowerCase(), gen: str(0).gen };
      case 'strings.Repeat': return { s: str(0).s.repeat(args[1].value.num), gen: str(0).gen };
      case 'secrets.NewSecret': return { s: randomMatch(str(0).s, ctx.rand), gen: true };
      case 'newPlausibleSecret': {
        // gitleaks draws again until the secret has a digit 1-9 and none of its stop words
        const stop = this.pkgVar('DefaultStopWords', ctx)?.list?.map((w) => w.s.toLowerCase()) ?? [];
        for (let tries = 0; tries < 1000; tries++) {
          const s = randomMatch(str(0).s, ctx.rand);
          if (/[1-9]/.test(s) && !stop.some((w) => s.toLowerCase().includes(w))) return { s, gen: true };
        }
        throw new Unsupported('newPlausibleSecret: no plausible draw');
      }
      case 'utils.GenerateSampleSecret': return { s: `${str(0).s}_api_token = "${str(1).s}"`, gen: true };
      case 'utils.GenerateSampleSecrets': return { list: sampleForms.map((f) => ({ s: fill(f, str(0).s, str(1).s), gen: true })) };
      case 'append': {
        const base = args[0]?.value;
        if (!base?.list) throw new Unsupported('append to a non-list');
        const items = [...base.list];
        for (const a of args.slice(1)) {
          if (a.spread) { if (!a.value.list) throw new Unsupported('spread of a non-list'); items.push(...a.value.list); } else if (a.value.s !== undefined) items.push({ s: a.value.s, gen: a.value.gen }); else throw new Unsupported('append of a non-string');
        }
        return { list: items };
      }
      default: {
        const fn = this.funcs.get(name);
        if (!fn || fn.params) throw new Unsupported(`call of ${name}`);
        const result = this.run(fn, ctx);
        if (!result) throw new Unsupported(`${name} returns nothing we can evaluate`);
        return result;
      }
    }
  }

  // runs a function body's top-level statements; returns the value of its return, or the samples
  // of utils.Validate* for a rule function
  run(fn, outer) {
    const ctx = { file: fn.file, fn: fn.name, tokens: fn.tokens, env: new Map(), rand: outer?.rand ?? rng(hash(`${fn.file}:${fn.name}`)), notGenerated: outer?.notGenerated ?? [] };
    const { tokens } = ctx;
    let k = fn.start;
    while (k < fn.end) {
      const tok = tokens[k];
      const nextStatement = () => {
        let j = k + 1;
        while (j < fn.end && !(tokens[j].nl && depthBetween(tokens, k, j) === 0)) j++;
        return j;
      };
      if (tok.v === 'var' && tokens[k + 1]?.v === '(') { k += 2; continue; } // a var ( … ) block: its lines are statements
      if (tok.v === ')' || tok.v === '}') { k++; continue; }
      if (tok.v === 'return') {
        const call = tokens[k + 1];
        if (/^utils\.Validate(WithPaths)?$/.test(call?.v)) {
          const samples = [];
          let j = k + 3; // after '('
          j = skipElement(tokens, j) + 1; // r,
          for (const positive of [true, false]) {
            try {
              const { value, next } = this.expr(ctx, j);
              for (const item of value.list ?? value.map ?? []) samples.push({ text: item.s, positive, gen: item.gen, file: item.path });
              j = next + 1;
            } catch (error) {
              if (!(error instanceof Unsupported)) throw error;
              ctx.notGenerated.push(`${ctx.file} ${ctx.fn} ${positive ? 'tps' : 'fps'}: ${error.message}`);
              j = skipElement(tokens, j) + 1;
            }
          }
          return { samples, notGenerated: ctx.notGenerated };
        }
        try {
          return this.expr(ctx, k + 1).value;
        } catch (error) {
          if (!(error instanceof Unsupported)) throw error;
          return undefined;
        }
      }
      let names = [];
      let j = k;
      if (tok.v === 'var') j++;
      while (tokens[j]?.t === 'id' && !tokens[j].v.includes('.')) {
        names.push(tokens[j].v);
        if (tokens[j + 1]?.v === ',') j += 2;
        else { j++; break; }
      }
      if (tok.v === 'var' && tokens[j]?.t === 'id') j++; // var x string = ...
      if (tokens[j]?.t === 'op' && tokens[j].v === '[' && tokens[j + 1]?.v === ']') j += 3; // var x []string = ...
      if (names.length === 1 && (tokens[j]?.v === ':=' || tokens[j]?.v === '=')) {
        try {
          const { value } = this.expr(ctx, j + 1);
          ctx.env.set(names[0], value);
        } catch (error) {
          if (!(error instanceof Unsupported)) throw error;
          // tps = append(tps, <something we cannot build>): the rest of tps still counts
          if (ctx.env.get(names[0])?.list && tokens[j + 1]?.v === 'append') ctx.notGenerated.push(`${ctx.file} ${ctx.fn} ${names[0]}: ${error.message}`);
          else ctx.env.set(names[0], { failed: error.message });
        }
      }
      k = nextStatement();
    }
    return undefined;
  }
}

const OPENERS = new Set(['{', '(', '[']);
const CLOSERS = new Set(['}', ')', ']']);
/** +1 for an opening bracket token, -1 for a closing one, 0 for any other token. */
function bracket(token) {
  if (token.t !== 'op') return 0;
  return OPENERS.has(token.v) ? 1 : CLOSERS.has(token.v) ? -1 : 0;
}

function matching(tokens, k) {
  let depth = 0;
  for (let j = k; j < tokens.length; j++) {
    depth += bracket(tokens[j]);
    if (bracket(tokens[j]) < 0 && depth === 0) return j;
  }
  return tokens.length;
}

function depthBetween(tokens, from, to) {
  let depth = 0;
  for (let j = from; j < to; j++) depth += bracket(tokens[j]);
  return depth;
}

// index of the ',' or closing bracket that ends the element starting at k
function skipElement(tokens, k) {
  let depth = 0;
  for (let j = k; j < tokens.length; j++) {
    const b = bracket(tokens[j]);
    if (b < 0 && depth === 0) return j;
    depth += b;
    if (b === 0 && depth === 0 && tokens[j].t === 'op' && tokens[j].v === ',') return j;
  }
  return tokens.length;
}

// A failed variable used as tps/fps: the evaluator throws on reading it.
function guardFailed(program) {
  const unary = program.unary.bind(program);
  program.unary = (ctx, k) => {
    const r = unary(ctx, k);
    if (r.value?.failed) throw new Unsupported(r.value.failed);
    return r;
  };
}

// Every sample of every rule function gitleaks' generator calls (those returning *config.Rule):
// { id, text, positive, generated, file }, the list of what could not be generated (one entry per
// unit skipped) and the rule functions left out because gitleaks never calls them.
export function gitleaksSamples(dir) {
  const rulesDir = path.join(dir, 'cmd/generate/config/rules');
  const files = readdirSync(rulesDir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go')).sort()
    .map((file) => ({ file, src: readFileSync(path.join(rulesDir, file), 'utf8') }))
    .map(({ file, src }) => ({ file, src, tokens: tokenize(src) }));
  const program = new Program(files);
  guardFailed(program);
  const samples = [];
  const notGenerated = [];
  // only the rules gitleaks' generator calls (cmd/generate/config/main.go): the others' tests never run
  const mainGo = path.join(dir, 'cmd/generate/config/main.go');
  const registered = existsSync(mainGo) ? new Set([...readFileSync(mainGo, 'utf8').matchAll(/\brules\.(\w+)\(/g)].map((m) => m[1])) : undefined;
  const unregistered = [];
  for (const { file, src } of files) {
    for (const m of src.matchAll(/^func (\w+)\(\) \*config\.Rule \{/gm)) {
      const fn = program.funcs.get(m[1]);
      if (!fn || fn.file !== file) continue;
      if (registered && !registered.has(m[1])) { unregistered.push(`${file}/${m[1]}`); continue; }
      const result = program.run(fn, undefined);
      if (!result?.samples) { notGenerated.push(`${file} ${m[1]}: no utils.Validate`); continue; }
      notGenerated.push(...result.notGenerated);
      for (const s of result.samples) {
        if (s.text === undefined || s.text.length < 8) continue;
        samples.push({ id: `${file}/${m[1]}`, text: s.text, positive: s.positive, generated: s.gen, file: s.file ? path.basename(s.file) || undefined : undefined });
      }
    }
  }
  // A rule's negative that another rule's test holds as a positive (each Cloudflare rule lists the
  // other two kinds' keys as its false positives) is a secret of the suite, not a negative of it:
  // left out and named, as detect-secrets' per-plugin negatives that another plugin flags are.
  const positiveOf = new Map();
  for (const s of samples) if (s.positive && !positiveOf.has(s.text)) positiveOf.set(s.text, s.id);
  for (const s of samples) {
    const owner = s.positive ? undefined : positiveOf.get(s.text);
    if (owner !== undefined && owner !== s.id) s.otherPlugin = owner;
  }
  return { samples, notGenerated, unregistered };
}
