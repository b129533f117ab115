import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizePythonName, parsePythonMetadata, parsePythonRecord } from './python.js';

const SITE = '/usr/lib/python3/dist-packages';

/** Python's own importlib.metadata over the same directory: name, version, file count. */
function importlibView(): string[] {
  const script = `
import importlib.metadata as m, sys
for d in m.distributions(path=[sys.argv[1]]):
    files = len(d.files or []) if str(d._path).endswith('.dist-info') else 0
    print(d.metadata['Name'], d.version, files, sep='\\t')`;
  return execFileSync('/usr/bin/python3', ['-c', script, SITE], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => {
      const [name = '', version, files] = l.split('\t');
      return [normalizePythonName(name), version, files].join('\t');
    })
    .sort();
}

describe.runIf(existsSync(SITE))('python dist-info', () => {
  it("names, versions and RECORD file counts equal importlib.metadata's for this machine's dist-packages", () => {
    const ours = readdirSync(SITE)
      .filter((d) => d.endsWith('.dist-info') || d.endsWith('.egg-info'))
      .map((d) => {
        const dir = join(SITE, d);
        const doc = d.endsWith('.dist-info')
          ? `${dir}/METADATA`
          : statSync(dir).isDirectory()
            ? `${dir}/PKG-INFO`
            : dir;
        const meta = parsePythonMetadata(doc, readFileSync(doc, 'utf8'));
        const record = existsSync(join(dir, 'RECORD'))
          ? parsePythonRecord(`${dir}/RECORD`, readFileSync(join(dir, 'RECORD'), 'utf8'))
          : undefined;
        const p = meta.packages[0];
        expect(record === undefined || record.package === p?.name, d).toBe(true);
        return [p?.name, p?.version, record?.files.length ?? 0].join('\t');
      })
      .sort();
    expect(ours.length).toBeGreaterThan(5);
    expect(ours).toEqual(importlibView());
  });

  it('resolves RECORD paths against the directory holding the dist-info, sums the sizes', () => {
    const f = parsePythonRecord(
      '/usr/local/lib/python3.12/site-packages/My_Pkg-1.0.dist-info/RECORD',
      'my_pkg/__init__.py,sha256=abc,120\n"my_pkg/a,b.py",sha256=def,30\n../../../bin/my-tool,sha256=x,7\nMy_Pkg-1.0.dist-info/RECORD,,\n',
    );
    expect(f).toMatchObject({
      package: 'my-pkg',
      declaredBytes: 157,
      files: [
        '/usr/local/lib/python3.12/site-packages/my_pkg/__init__.py',
        '/usr/local/lib/python3.12/site-packages/my_pkg/a,b.py',
        '/usr/local/bin/my-tool',
        '/usr/local/lib/python3.12/site-packages/My_Pkg-1.0.dist-info/RECORD',
      ],
    });
  });
});
