// Where a JSON text first goes wrong. V8's JSON.parse names the position only
// for some errors ("Unexpected token 'x', ... is not valid JSON" has none), so
// the offset FastAPI reports in `loc` is found here, on the error path only.
// Iterative, so a hostile nesting depth cannot overflow the stack.

const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const QUOTE = 34;
const ESCAPES = '"\\/bfnrt';

function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return i;
    i++;
  }
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

// Each scanner returns the index after what it read, or ~offset of the error.
function scanString(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    if (c < 32) return ~i;
    if (c !== 92) continue;
    if (text.charCodeAt(i + 1) === 117) {
      for (let k = i + 2; k < i + 6; k++) {
        if (k >= text.length) return ~text.length;
        if (!isHex(text.charCodeAt(k))) return ~k;
      }
      i += 5;
    } else {
      if (i + 1 >= text.length) return ~text.length;
      if (!ESCAPES.includes(text.charAt(i + 1))) return ~(i + 1);
      i++;
    }
  }
  return ~text.length;
}

function scanScalar(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return scanString(text, i);
  for (const literal of ['true', 'false', 'null']) {
    if (c === literal.charCodeAt(0)) {
      for (let k = 1; k < literal.length; k++) {
        if (i + k >= text.length) return ~text.length;
        if (text.charCodeAt(i + k) !== literal.charCodeAt(k)) return ~(i + k);
      }
      return i + literal.length;
    }
  }
  return scanNumber(text, i);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// Like V8, a number missing its digits is wrong where the digit should be.
function scanNumber(text: string, i: number): number {
  if (text.charCodeAt(i) === 45) i++;
  if (!isDigit(text.charCodeAt(i))) return ~i;
  if (text.charCodeAt(i) === 48) i++;
  else while (isDigit(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 46) {
    i++;
    if (!isDigit(text.charCodeAt(i))) return ~i;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 43 || sign === 45) i++;
    if (!isDigit(text.charCodeAt(i))) return ~i;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  return i;
}

// A member name and its colon; returns where the member's value starts.
function scanKey(text: string, i: number): number {
  if (i >= text.length) return ~text.length;
  if (text.charCodeAt(i) !== QUOTE) return ~i;
  const end = scanString(text, i);
  if (end < 0) return end;
  const colon = skipSpace(text, end);
  if (colon >= text.length) return ~text.length;
  if (text.charCodeAt(colon) !== 58) return ~colon;
  return skipSpace(text, colon + 1);
}

/**
 * The offset of the first syntax error in a JSON text (its length when the
 * text ends too early), or -1 when it is valid JSON.
 */
export function jsonErrorOffset(text: string): number {
  const open: number[] = [];
  let i = skipSpace(text, 0);
  for (;;) {
    // A value starts at i.
    if (i >= text.length) return text.length;
    const c = text.charCodeAt(i);
    let end: number;
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      const next = skipSpace(text, i + 1);
      if (text.charCodeAt(next) === (c === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY)) {
        end = next + 1;
      } else {
        open.push(c);
        i = c === OPEN_OBJECT ? scanKey(text, next) : next;
        if (i < 0) return ~i;
        continue;
      }
    } else {
      end = scanScalar(text, i);
      if (end < 0) return ~end;
    }
    // After a value: close containers until a comma asks for the next value.
    i = skipSpace(text, end);
    for (;;) {
      const top = open[open.length - 1];
      if (top === undefined) return i < text.length ? i : -1;
      if (i >= text.length) return text.length;
      const d = text.charCodeAt(i);
      if (d === 44) {
        const next = skipSpace(text, i + 1);
        i = top === OPEN_OBJECT ? scanKey(text, next) : next;
        if (i < 0) return ~i;
        break;
      }
      if (d !== (top === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY)) return i;
      open.pop();
      i = skipSpace(text, i + 1);
    }
  }
}
