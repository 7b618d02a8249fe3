/**
 * True when a quantified group contains an unbounded quantifier, as in `(a+)+` or `(\w*\s?)*`: the shape that makes a
 * backtracking engine take exponential time on a near-miss. A heuristic over the source, not a proof of safety.
 */
export function hasNestedQuantifier(source: string): boolean {
  const groups: boolean[] = []; // per open group: does it contain an unbounded quantifier?
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') groups.push(false);
    else if (c === '*' || c === '+' || (c === '{' && /^\{\d*,\}/.test(source.slice(i)))) {
      if (groups.length > 0) groups[groups.length - 1] = true;
    } else if (c === ')') {
      const unbounded = groups.pop() ?? false;
      const next = source.slice(i + 1);
      const repeated = /^[*+]/.test(next) || (/^\{\d*,?\d*\}/.test(next) && !/^\{(?:0|1|0,1|1,1)\}/.test(next));
      if (unbounded && repeated) return true;
      if (unbounded && groups.length > 0) groups[groups.length - 1] = true;
    }
  }
  return false;
}
