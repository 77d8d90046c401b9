#!/usr/bin/env python3
"""Rewrites the import block of Java files into the order checkstyle.xml checks (James's own):
static imports first, then java, javax, jakarta, org, com and everything else, each group sorted
name part by name part and separated from the next by one blank line.

    python3 scripts/sort-imports.py $(git ls-files '*.java')

Only the block from the first to the last import line is touched, and only when it holds nothing
but imports and blank lines; a file with comments among its imports is reported and left alone.
Unused imports are not removed: checkstyle names them.
"""
import re
import sys

IMPORT = re.compile(r'^import (static )?([\w.]+(?:\.\*)?);\s*$')
GROUPS = ['java', 'javax', 'jakarta', 'org', 'com']


def group(name):
    top = name.split('.')[0]
    return GROUPS.index(top) if top in GROUPS else len(GROUPS)


def key(name):
    return name.split('.')


def rewrite(path):
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    positions = [i for i, line in enumerate(lines) if IMPORT.match(line)]
    if not positions:
        return False
    first, last = positions[0], positions[-1]
    statics, others = set(), set()
    for line in lines[first:last + 1]:
        m = IMPORT.match(line)
        if m:
            (statics if m.group(1) else others).add(m.group(2))
        elif line.strip():
            print(f'{path}: left alone, something other than imports among them: {line.strip()}', file=sys.stderr)
            return False
    blocks = []
    if statics:
        blocks.append(['import static ' + n + ';' for n in sorted(statics, key=key)])
    for g in range(len(GROUPS) + 1):
        names = sorted((n for n in others if group(n) == g), key=key)
        if names:
            blocks.append(['import ' + n + ';' for n in names])
    block = []
    for b in blocks:
        if block:
            block.append('')
        block.extend(b)
    if lines[first:last + 1] == block:
        return False
    lines[first:last + 1] = block
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines))
    return True


if __name__ == '__main__':
    changed = [p for p in sys.argv[1:] if rewrite(p)]
    for p in changed:
        print(p)
