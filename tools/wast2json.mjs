#!/usr/bin/env node
// Converts a component-model reference test (.wast) into a JSON manifest plus
// component binaries, for the Java reference-test runner.
//
//   node tools/wast2json.mjs IN.wast OUTDIR
//
// writes OUTDIR/<basename>.json and OUTDIR/<basename>.<n>.wasm. Component and
// core-module text is encoded with the in-memory wasm-tools parser of
// @bytecodealliance/jco-transpile (from ${CM_TOOLS:-/tmp/cm-tools}, see
// install-node-tools.sh); values are written as WAVE text. The JSON format is
// described in tools/README.md. Prints one summary line (counts per command
// type) to stdout; exits 1 only on a usage or I/O error.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

// ---------------------------------------------------------------------------
// S-expression reader: top-level forms with source offsets and line numbers.

class WastSyntaxError extends Error {}

/** A form or value the converter cannot translate; becomes a `skipped` command. */
class Unsupported extends Error {}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function lineStarts(src) {
  const starts = [0];
  for (let i = 0; i < src.length; i++) if (src[i] === '\n') starts.push(i + 1);
  return starts;
}

function lineOf(starts, offset) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Reads all top-level forms. Nodes: {kind:'list', items, start, end, line},
 * {kind:'atom', text, start, end, line}, {kind:'string', bytes, start, end, line}.
 */
function readForms(src) {
  const starts = lineStarts(src);
  const n = src.length;
  let i = 0;
  const fail = (msg, at) => {
    throw new WastSyntaxError(`line ${lineOf(starts, at)}: ${msg}`);
  };

  function skipSpaceAndComments() {
    for (;;) {
      while (i < n && /\s/.test(src[i])) i++;
      if (src.startsWith(';;', i)) {
        while (i < n && src[i] !== '\n') i++;
      } else if (src.startsWith('(;', i)) {
        const open = i;
        let depth = 0;
        do {
          if (src.startsWith('(;', i)) {
            depth++;
            i += 2;
          } else if (src.startsWith(';)', i)) {
            depth--;
            i += 2;
          } else if (i >= n) {
            fail('unterminated block comment', open);
          } else {
            i++;
          }
        } while (depth > 0);
      } else {
        return;
      }
    }
  }

  function readString() {
    const start = i;
    i++; // opening quote
    const bytes = [];
    for (;;) {
      if (i >= n) fail('unterminated string', start);
      const c = src[i];
      if (c === '"') {
        i++;
        break;
      }
      if (c !== '\\') {
        const cp = src.codePointAt(i);
        const s = String.fromCodePoint(cp);
        bytes.push(...utf8.encode(s));
        i += s.length;
        continue;
      }
      const e = src[i + 1];
      i += 2;
      switch (e) {
        case 'n': bytes.push(0x0a); break;
        case 't': bytes.push(0x09); break;
        case 'r': bytes.push(0x0d); break;
        case '"': bytes.push(0x22); break;
        case "'": bytes.push(0x27); break;
        case '\\': bytes.push(0x5c); break;
        case 'u': {
          const m = /^\{([0-9a-fA-F_]+)\}/.exec(src.slice(i, i + 16));
          if (!m) fail('malformed \\u escape', i - 2);
          const cp = parseInt(m[1].replace(/_/g, ''), 16);
          if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) fail('invalid \\u escape', i - 2);
          bytes.push(...utf8.encode(String.fromCodePoint(cp)));
          i += m[0].length;
          break;
        }
        default:
          if (/[0-9a-fA-F]/.test(e ?? '') && /[0-9a-fA-F]/.test(src[i] ?? '')) {
            bytes.push(parseInt(e + src[i], 16));
            i++;
          } else {
            fail(`invalid string escape \\${e}`, i - 2);
          }
      }
    }
    return { kind: 'string', bytes: Uint8Array.from(bytes), start, end: i, line: lineOf(starts, start) };
  }

  function readNode() {
    skipSpaceAndComments();
    if (i >= n) fail('unexpected end of file', n);
    const start = i;
    const c = src[i];
    if (c === '(') {
      i++;
      const items = [];
      for (;;) {
        skipSpaceAndComments();
        if (i >= n) fail('unclosed parenthesis', start);
        if (src[i] === ')') {
          i++;
          break;
        }
        items.push(readNode());
      }
      return { kind: 'list', items, start, end: i, line: lineOf(starts, start) };
    }
    if (c === ')') fail('unexpected )', i);
    if (c === '"') return readString();
    while (i < n && !/[\s()"]/.test(src[i]) && !src.startsWith(';;', i)) i++;
    return { kind: 'atom', text: src.slice(start, i), start, end: i, line: lineOf(starts, start) };
  }

  const forms = [];
  for (;;) {
    skipSpaceAndComments();
    if (i >= n) return forms;
    forms.push(readNode());
  }
}

const isAtom = (node, text) => node?.kind === 'atom' && (text === undefined || node.text === text);
const isId = (node) => node?.kind === 'atom' && node.text.startsWith('$');
const isString = (node) => node?.kind === 'string';
const keyword = (node) => (node?.kind === 'list' && isAtom(node.items[0]) ? node.items[0].text : null);

function text(node) {
  if (!isString(node)) throw new Unsupported('expected a string');
  try {
    return strictUtf8.decode(node.bytes);
  } catch {
    throw new Unsupported('string is not valid UTF-8');
  }
}

// ---------------------------------------------------------------------------
// WAVE: values as the wasm-wave writer prints them.

const WAVE_KEYWORDS = new Set(['true', 'false', 'some', 'none', 'ok', 'err', 'inf', 'nan']);

/** A variant or enum case label; cases named like a keyword get a `%` prefix. */
const caseLabel = (name) => (WAVE_KEYWORDS.has(name) ? `%${name}` : name);

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Grapheme_Extend}]/u;

/** One character inside a WAVE char or string literal. */
function waveChar(ch) {
  switch (ch) {
    case '\\': return '\\\\';
    case '"': return '\\"';
    case "'": return "\\'";
    case '\t': return '\\t';
    case '\r': return '\\r';
    case '\n': return '\\n';
    default:
      if (ch !== ' ' && NON_PRINTABLE.test(ch)) return `\\u{${ch.codePointAt(0).toString(16)}}`;
      return ch;
  }
}

const INT_RANGES = {
  u8: [0n, 0xffn], u16: [0n, 0xffffn], u32: [0n, 0xffffffffn], u64: [0n, 0xffffffffffffffffn],
  s8: [-0x80n, 0x7fn], s16: [-0x8000n, 0x7fffn], s32: [-0x80000000n, 0x7fffffffn],
  s64: [-0x8000000000000000n, 0x7fffffffffffffffn],
};

function waveInt(type, node) {
  if (!isAtom(node)) throw new Unsupported(`${type}.const needs a number`);
  const m = /^([+-]?)(0x[0-9a-fA-F_]+|[0-9_]+)$/.exec(node.text);
  if (!m) throw new Unsupported(`bad ${type} literal ${node.text}`);
  let v = BigInt(m[2].replace(/_/g, ''));
  if (m[1] === '-') v = -v;
  const [min, max] = INT_RANGES[type];
  if (type.startsWith('s') && m[1] !== '-' && v > max && v <= 2n * max + 1n) {
    v -= 2n * (max + 1n); // like the wast parser: an unsigned bit pattern wraps
  }
  if (v < min || v > max) throw new Unsupported(`${type} literal out of range: ${node.text}`);
  return v.toString();
}

const FLOAT_FORMATS = {
  f32: { precision: 24, emin: -126, max: 3.4028234663852886e38 },
  f64: { precision: 53, emin: -1022, max: Number.MAX_VALUE },
};

const bitLength = (m) => m.toString(2).length;

/**
 * Rounds (m + sticky·ε)·2^e, m > 0, to the nearest value of the format
 * (ties to even), returned as a JS number (exact for f32 and f64).
 */
function roundBinary(m, e, sticky, fmt) {
  const leading = bitLength(m) - 1 + e;
  const lsb = Math.max(leading, fmt.emin) - (fmt.precision - 1);
  const shift = lsb - e;
  let q = m;
  if (shift > 0) {
    const s = BigInt(shift);
    q = m >> s;
    const rest = m & ((1n << s) - 1n);
    const half = 1n << (s - 1n);
    if (rest > half || (rest === half && (sticky || (q & 1n) === 1n))) q += 1n;
    const v = Number(q) * 2 ** lsb;
    return v;
  }
  return Number(m) * 2 ** e; // exact: fewer significant bits than the format has
}

/** Parses a wast float literal; returns a JS number, NaN, or ±Infinity. */
function parseFloatLiteral(lit, fmt) {
  const m = /^([+-]?)(.*)$/.exec(lit);
  const neg = m[1] === '-';
  const body = m[2].replace(/_/g, '');
  const sign = (v) => (neg ? -v : v);
  if (body === 'inf') return sign(Infinity);
  if (body === 'nan' || /^nan:0x[0-9a-fA-F]+$/.test(body)) return NaN;
  let mant;
  let exp2 = 0;
  let sticky = false;
  let h;
  let d;
  if ((h = /^0x([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?$/.exec(body)) && (h[1] || h[2])) {
    const frac = h[2] ?? '';
    mant = BigInt(`0x${h[1] || '0'}${frac}`);
    exp2 = Number(h[3] ?? 0) - 4 * frac.length;
  } else if ((d = /^([0-9]+)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(body))) {
    const frac = d[2] ?? '';
    const digits = BigInt(d[1] + frac);
    const exp10 = Number(d[3] ?? 0) - frac.length;
    if (digits === 0n) {
      mant = 0n;
    } else if (exp10 >= 0) {
      mant = digits * 10n ** BigInt(exp10);
    } else {
      // digits / 10^-exp10, with enough quotient bits to round correctly.
      if (exp10 < -800) return sign(0); // far below the smallest subnormal
      const den = 10n ** BigInt(-exp10);
      const s = Math.max(0, fmt.precision + 3 + bitLength(den) - bitLength(digits));
      const num = digits << BigInt(s);
      mant = num / den;
      sticky = num % den !== 0n;
      exp2 = -s;
    }
  } else {
    throw new Unsupported(`bad float literal ${lit}`);
  }
  if (mant === 0n) return sign(0);
  const v = roundBinary(mant, exp2, sticky, fmt);
  if (v > fmt.max) throw new Unsupported(`float literal out of range: ${lit}`);
  return sign(v);
}

const roundTrips = (s, v, f32) => (f32 ? Math.fround(Number(s)) : Number(s)) === v;

/** Shortest decimal digits (and exponent) that read back as v; the closest if several. */
function shortestDigits(v, f32) {
  if (!f32) {
    const [mant, exp] = v.toExponential().split('e');
    return { digits: mant.replace('.', ''), exp: Number(exp) };
  }
  for (let p = 1; p <= 9; p++) {
    const [mant, exp] = v.toExponential(p - 1).split('e');
    const base = BigInt(mant.replace('.', ''));
    let best = null;
    for (const cand of [base - 1n, base, base + 1n]) {
      if (cand <= 0n) continue;
      const str = cand.toString();
      // a carry (99 -> 100) changes the digit count: shift the exponent along
      const e = Number(exp) + (str.length - p);
      const decimal = `${str[0]}.${str.slice(1) || '0'}e${e}`;
      if (!roundTrips(decimal, v, true)) continue;
      const dist = Math.abs(Number(decimal) - v);
      if (best === null || dist < best.dist) best = { digits: str, exp: e, dist };
    }
    if (best) return { digits: best.digits.replace(/0+$/, '') || '0', exp: best.exp };
  }
  throw new Error(`no shortest form for ${v}`);
}

/** A float as Rust's Display prints it (no exponent), which is what WAVE writes. */
function waveFloat(type, node) {
  if (!isAtom(node)) throw new Unsupported(`${type}.const needs a number`);
  const f32 = type === 'f32';
  const v = parseFloatLiteral(node.text, FLOAT_FORMATS[type]);
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  if (v === 0) return `${sign}0`;
  const { digits, exp } = shortestDigits(Math.abs(v), f32);
  let out;
  if (exp >= digits.length - 1) out = digits + '0'.repeat(exp - (digits.length - 1));
  else if (exp < 0) out = `0.${'0'.repeat(-exp - 1)}${digits}`;
  else out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  return sign + out;
}

/** Converts a value given as its items (keyword first) into WAVE text. */
function wave(items) {
  const [head, ...args] = items;
  if (!isAtom(head)) throw new Unsupported('expected a value');
  const kw = head.text;
  const arity = (min, max) => {
    if (args.length < min || args.length > max) throw new Unsupported(`${kw}: wrong number of arguments`);
  };
  const nested = (node) => {
    if (node?.kind !== 'list') throw new Unsupported(`${kw}: expected a parenthesized value`);
    return wave(node.items);
  };
  const t = /^([us](?:8|16|32|64)|f32|f64)\.const$/.exec(kw);
  if (t) {
    arity(1, 1);
    return t[1].startsWith('f') ? waveFloat(t[1], args[0]) : waveInt(t[1], args[0]);
  }
  switch (kw) {
    case 'bool.const':
      arity(1, 1);
      if (!isAtom(args[0], 'true') && !isAtom(args[0], 'false')) throw new Unsupported('bad bool');
      return args[0].text;
    case 'char.const': {
      arity(1, 1);
      const chars = [...text(args[0])];
      if (chars.length !== 1) throw new Unsupported('char.const needs exactly one character');
      return `'${waveChar(chars[0])}'`;
    }
    case 'str.const':
      arity(1, 1);
      return `"${[...text(args[0])].map(waveChar).join('')}"`;
    case 'list.const':
      return `[${args.map(nested).join(', ')}]`;
    case 'tuple.const':
      return `(${args.map(nested).join(', ')})`;
    case 'record.const': {
      const fields = args.map((f) => {
        if (keyword(f) !== 'field' || f.items.length < 3) throw new Unsupported('record.const: expected (field "name" value)');
        return `${text(f.items[1])}: ${wave(f.items.slice(2))}`;
      });
      return fields.length === 0 ? '{:}' : `{${fields.join(', ')}}`;
    }
    case 'variant.const': {
      arity(1, 2);
      const label = caseLabel(text(args[0]));
      return args.length === 2 ? `${label}(${nested(args[1])})` : label;
    }
    case 'enum.const':
      arity(1, 1);
      return caseLabel(text(args[0]));
    case 'flags.const':
      return `{${args.map(text).join(', ')}}`;
    case 'option.none':
      arity(0, 0);
      return 'none';
    case 'option.some':
      arity(1, 1);
      return `some(${nested(args[0])})`;
    case 'result.ok':
    case 'result.err': {
      arity(0, 1);
      const label = kw === 'result.ok' ? 'ok' : 'err';
      return args.length === 1 ? `${label}(${nested(args[0])})` : label;
    }
    default:
      throw new Unsupported(`value form ${kw} has no WAVE conversion`);
  }
}

// ---------------------------------------------------------------------------
// Module forms: (component ...), (component definition $D ...),
// (component instance $i $D), (component binary ...), (component quote ...),
// and the same for core (module ...).

/** Describes a component/module form without encoding it. */
function describeModuleForm(form, src) {
  const sort = keyword(form);
  const items = form.items;
  let k = 1;
  if (isAtom(items[k], 'instance')) {
    const ids = items.slice(2);
    if (!ids.every(isId) || ids.length < 1 || ids.length > 2) throw new Unsupported(`malformed (${sort} instance ...)`);
    return { sort, kind: 'instance', name: ids.length === 2 ? ids[0].text : null, definition: ids[ids.length - 1].text };
  }
  let definition = null;
  if (isAtom(items[k], 'definition')) definition = items[k++];
  const id = isId(items[k]) ? items[k++] : null;
  if (!definition && isAtom(items[k], 'definition')) definition = items[k++];
  const base = { sort, name: id ? id.text : null, definition: definition !== null };
  if (isAtom(items[k], 'binary')) {
    const parts = items.slice(k + 1);
    if (!parts.every(isString)) throw new Unsupported(`(${sort} binary ...) holds a non-string`);
    const total = parts.reduce((a, p) => a + p.bytes.length, 0);
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      bytes.set(p.bytes, at);
      at += p.bytes.length;
    }
    return { ...base, kind: 'binary', bytes };
  }
  if (isAtom(items[k], 'quote')) {
    const parts = items.slice(k + 1);
    if (!parts.every(isString)) throw new Unsupported(`(${sort} quote ...) holds a non-string`);
    const body = parts.map(text).join(' ');
    return { ...base, kind: 'quote', text: `(${sort} ${id ? id.text : ''} ${body})` };
  }
  // Text: the form as written, with the word `definition` blanked out (offsets
  // stay put for error positions). The id stays: a definition may name itself
  // in `alias outer $D ...`.
  let t = src.slice(form.start, form.end);
  if (definition) {
    const a = definition.start - form.start;
    const b = definition.end - form.start;
    t = t.slice(0, a) + ' '.repeat(b - a) + t.slice(b);
  }
  return { ...base, kind: 'text', text: t };
}

/** Turns wasm-tools' Debug-formatted parse error into one readable line. */
function parseErrorMessage(e) {
  const msg = String(e && e.message ? e.message : e);
  const where = /line: (\d+), col: (\d+)/.exec(msg);
  const kind = /kind: (?:Custom\("(.*)"\)|(Lex\(.*\))) \} \}\) \}$/s.exec(msg);
  let out = msg;
  if (kind && kind[1] !== undefined) out = kind[1].replace(/\\"/g, '"').replace(/\\n/g, ' ');
  else if (kind) out = kind[2];
  if (where) out += ` (at line ${Number(where[1]) + 1}, column ${Number(where[2]) + 1} of the form)`;
  return out.replace(/\s+/g, ' ').slice(0, 400);
}

// ---------------------------------------------------------------------------
// Commands.

async function convert(inFile, outDir, wasmTools) {
  const src = fs.readFileSync(inFile, 'utf8');
  const base = path.basename(inFile, '.wast');
  const source = path.join(path.basename(path.dirname(path.resolve(inFile))), path.basename(inFile));
  const commands = [];
  let counter = 0;

  const writeBinary = (bytes) => {
    const filename = `${base}.${counter++}.wasm`;
    fs.writeFileSync(path.join(outDir, filename), bytes);
    return filename;
  };

  /** Encodes a module form; returns {filename} or {error}. Instance forms return {instance}. */
  async function encode(form) {
    const d = describeModuleForm(form, src);
    if (d.kind === 'instance') return { d };
    if (d.kind === 'binary') return { d, filename: writeBinary(d.bytes) };
    try {
      return { d, filename: writeBinary(await wasmTools.parse(d.text)) };
    } catch (e) {
      return { d, error: parseErrorMessage(e) };
    }
  }

  function action(form) {
    if (keyword(form) !== 'invoke') throw new Unsupported(`action ${keyword(form) ?? '?'} is not supported`);
    const items = form.items.slice(1);
    const instance = isId(items[0]) ? items.shift().text : null;
    if (!isString(items[0])) throw new Unsupported('invoke needs a function name');
    const func = text(items.shift());
    const args = items.map((a) => {
      if (a.kind !== 'list') throw new Unsupported('invoke argument is not a value');
      return wave(a.items);
    });
    return { instance, func, args };
  }

  const MODULE_ASSERTS = ['assert_invalid', 'assert_malformed', 'assert_unlinkable', 'assert_uninstantiable'];

  for (const form of readForms(src)) {
    const line = form.line;
    const kw = keyword(form);
    try {
      if (kw === 'component' || kw === 'module') {
        const r = await encode(form);
        const d = r.d;
        if (d.kind === 'instance') {
          if (kw !== 'component') throw new Unsupported('core (module instance ...) is not supported');
          commands.push({ type: 'instance', line, name: d.name, definition: d.definition });
        } else if (r.error) {
          commands.push({ type: 'skipped', line, reason: `text did not parse: ${r.error}` });
        } else if (kw === 'module') {
          commands.push({ type: d.definition ? 'module_definition' : 'module', line, name: d.name, filename: r.filename });
        } else {
          commands.push({ type: d.definition ? 'definition' : 'component', line, name: d.name, filename: r.filename });
        }
      } else if (kw === 'invoke') {
        commands.push({ type: 'invoke', line, ...action(form) });
      } else if (kw === 'assert_return') {
        const [, act, ...results] = form.items;
        const a = action(act);
        const expected = results.map((r) => {
          if (r.kind !== 'list') throw new Unsupported('expected result is not a value');
          return wave(r.items);
        });
        commands.push({ type: 'assert_return', line, ...a, expected });
      } else if (kw === 'assert_trap' && keyword(form.items[1]) === 'invoke') {
        const a = action(form.items[1]);
        commands.push({ type: 'assert_trap', line, ...a, text: text(form.items[2]) });
      } else if (kw === 'assert_trap' || MODULE_ASSERTS.includes(kw)) {
        const inner = form.items[1];
        const sort = keyword(inner);
        if (sort !== 'component' && sort !== 'module') throw new Unsupported(`${kw} of ${sort ?? '?'}`);
        const message = text(form.items[2]);
        const r = await encode(inner);
        if (r.d.kind === 'instance') {
          commands.push({ type: kw, line, name: r.d.name, definition: r.d.definition, text: message });
        } else if (r.error) {
          const expectedText = kw === 'assert_malformed' && r.d.kind === 'quote';
          const reason = expectedText
            ? `malformed text rejected by the text parser, as expected (${message}): ${r.error}`
            : `text did not parse (${kw} "${message}"): ${r.error}`;
          commands.push({ type: 'skipped', line, reason });
        } else if (kw === 'assert_malformed' && r.d.kind === 'quote') {
          commands.push({ type: 'skipped', line, reason: `text parser accepted malformed text (${message})` });
        } else {
          const entry = { type: kw, line, filename: r.filename, text: message };
          if (sort === 'module') entry.module = true;
          commands.push(entry);
        }
      } else {
        throw new Unsupported(`command ${kw ?? '?'} is not supported`);
      }
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      commands.push({ type: 'skipped', line, reason: `${kw ?? 'form'}: ${e.message}` });
    }
  }

  const json = `{"source":${JSON.stringify(source)},"commands":[\n${commands
    .map((c) => `  ${JSON.stringify(c)}`)
    .join(',\n')}\n]}\n`;
  fs.writeFileSync(path.join(outDir, `${base}.json`), json);
  return { source, commands };
}

async function loadWasmTools() {
  const tools = process.env.CM_TOOLS || '/tmp/cm-tools';
  const require = createRequire(path.join(tools, 'package.json'));
  let resolved;
  try {
    resolved = require.resolve('@bytecodealliance/jco-transpile/wasm-tools');
  } catch {
    console.error(`@bytecodealliance/jco-transpile not found under ${tools}; run tools/install-node-tools.sh`);
    process.exit(1);
  }
  return import(pathToFileURL(resolved).href);
}

const [inFile, outDir] = process.argv.slice(2);
if (!inFile || !outDir || process.argv.length > 4) {
  console.error('usage: node wast2json.mjs IN.wast OUTDIR');
  process.exit(1);
}
try {
  fs.mkdirSync(outDir, { recursive: true });
  const { source, commands } = await convert(inFile, outDir, await loadWasmTools());
  const counts = {};
  for (const c of commands) counts[c.type] = (counts[c.type] ?? 0) + 1;
  const summary = Object.entries(counts)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  console.log(`${source}: ${commands.length} commands: ${summary}`);
} catch (e) {
  if (e instanceof WastSyntaxError) {
    console.error(`${inFile}: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
