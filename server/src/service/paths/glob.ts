// Globs of the config file (`exclude`, `scopes[].files`), matched against '/'-separated paths
// relative to the folder holding the config file. Like .gitignore: a pattern without a slash
// matches a file or folder name at any depth; `**` spans folders; a match on a folder covers
// everything below it.
const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
  const pattern = glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  const anchored = pattern.includes('/');
  let body = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      body += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') body += '[^/]*';
    else if (c === '?') body += '[^/]';
    else body += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const start = anchored ? '^' : '(?:^|/)';
  re = new RegExp(`${start}${pattern.startsWith('/') ? body.slice(1) : body}(?:/|$)`);
  cache.set(glob, re);
  return re;
}

/** Whether the relative path (or a folder above it) matches any of the globs. */
export function matchesAny(relativePath: string, globs: readonly string[]): boolean {
  const path = relativePath.replace(/\\/g, '/');
  return globs.some((g) => globToRegExp(g).test(path));
}
