// `pnpm bench` (last step): every figure of issue 9's targets in one table, PASS/FAIL beside each,
// read from what the benches wrote in bench-results/ (cli.json: scripts/bench.mjs; server.json:
// scripts/bench-server.mjs; web.json: the e2e bench; files.json: scripts/bench-files.mjs, issue 11). Writes bench-results/bench-results.json.
// A figure that is missing (its bench failed or was skipped) is a FAIL marked "not measured".
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../bench-results/', import.meta.url));
const load = (name) => (existsSync(join(dir, name)) ? JSON.parse(readFileSync(join(dir, name), 'utf8')) : {});
const cli = load('cli.json');
const server = load('server.json');
const web = load('web.json');
const files = load('files.json');
/** Issue 11's file read on one image (debian, 3gb): its ratio is null when the bytes differed. */
const fileRead = (img) => files.images?.[img];
/** The newest case of that kind (web.json keeps cases of earlier runs with other file counts). */
const webCase = (prefix) =>
  (web.cases ?? []).filter((c) => c.name.startsWith(prefix)).sort((a, b) => (a.date < b.date ? 1 : -1))[0];
const readme = (img) => cli.images?.[img]?.cli?.[0];
const direct = (img) => cli.images?.[img]?.cli?.find((c) => c.label.startsWith('node apps/cli'));

/** [section, label, value, unit, op, target]; op '<=' or '=='. Targets: issue 9 "Targets". */
const FIGURES = [
  ['million files', 'CLI time / serial baseline', readme('million')?.ratio, 'x', '<=', 1.0],
  ['million files', 'CLI peak RSS', readme('million')?.peakRssMB, 'MB', '<=', 400],
  [
    'million files',
    'server /api/health p99 during analysis',
    cli.health?.health?.analyzing?.p99,
    'ms',
    '<=',
    100,
  ],
  [
    'million files',
    'server /api/health max during analysis',
    cli.health?.health?.analyzing?.max,
    'ms',
    '<=',
    250,
  ],
  ['million files', 'server VmHWM', cli.health?.serverVmHwmMB, 'MB', '<=', 800],
  [
    'million files',
    'browser first tree row from navigation',
    webCase('million')?.firstRenderFromNavigationMs,
    'ms',
    '<=',
    2500,
  ],
  ['million files', 'browser layer switch median', webCase('million')?.layerSwitchMedianMs, 'ms', '<=', 100],
  [
    'debian',
    `CLI time (${cli.cliCommand ?? './strata'}) / serial baseline`,
    readme('debian')?.ratio,
    'x',
    '<=',
    0.6,
  ],
  ['3 GB', 'CLI time / serial baseline', readme('3gb')?.ratio, 'x', '<=', 0.4],
  ['3 GB', 'CLI peak RSS', readme('3gb')?.peakRssMB, 'MB', '<=', 300],
  ['server load', 'errors under load', server.errors?.count, '', '==', 0],
  [
    'debian',
    'file API read at the end of the biggest gzip layer / its gunzip',
    fileRead('debian')?.ratio,
    'x',
    '<=',
    0.1,
  ],
  [
    '3 GB',
    'file API read (last 4 KiB) at the end of the biggest gzip layer / its gunzip',
    fileRead('3gb')?.ratio,
    'x',
    '<=',
    0.1,
  ],
];

/** Shown for context, no target of their own. */
const INFO = [
  [
    'debian',
    'CLI time run directly (node apps/cli/dist/strata.mjs) / baseline',
    direct('debian')?.ratio,
    'x',
  ],
  ['debian', 'CLI peak RSS', readme('debian')?.peakRssMB, 'MB'],
  ['million files', 'server analysis time (upload received -> done)', cli.health?.analysisMs, 'ms'],
  ['million files', 'browser layer switches', webCase('million')?.layerSwitchMs?.join(' '), 'ms'],
  [
    'synthetic',
    `browser (${webCase('synthetic')?.files ?? '?'} files) first render / switch median`,
    webCase('synthetic')
      ? `${webCase('synthetic').firstRenderMs} / ${webCase('synthetic').layerSwitchMedianMs}`
      : undefined,
    'ms',
  ],
  ['server load', 'peak RSS (VmHWM)', server.server?.peakRssMB, 'MB'],
  ...['debian', '3gb'].flatMap((img) => {
    const r = fileRead(img);
    const read = r && `${r.readMedianMs.toFixed(1)} / ${r.firstReadMs.toFixed(1)}`;
    const where = r?.seekIndex.builtIn ?? 'decode pass';
    return [
      [img, 'file API read: median / first after the analysis', read, 'ms'],
      [img, `checkpoints (built in the ${where}): indexing inflate / plain gunzip`, r?.buildCost.ratio, 'x'],
    ];
  }),
  ...['debian', 'million', '3gb'].map((img) => {
    const m = cli.images?.[img]?.machine;
    const text = m && `${m.loadavg1mBefore.toFixed(1)} -> ${m.loadavg1mAfter.toFixed(1)} on ${m.cpus} CPUs`;
    return ['machine', `load average around the ${img} runs`, text, ''];
  }),
];

const fmt = (v, unit) =>
  v === undefined || v === null
    ? 'not measured'
    : typeof v === 'number'
      ? `${v.toFixed(unit === 'x' ? 2 : 0)}${unit === 'x' ? 'x' : ` ${unit}`}`.trim()
      : `${v} ${unit}`;
const ok = (v, op, t) => typeof v === 'number' && (op === '<=' ? v <= t : v === t);

const figures = FIGURES.map(([section, label, value, unit, op, target]) => ({
  section,
  label,
  value: value ?? null,
  unit,
  target: `${op} ${unit === 'x' ? target.toFixed(2) : target}${unit === 'x' ? 'x' : unit ? ` ${unit}` : ''}`,
  pass: ok(value, op, target),
}));
const info = INFO.map(([section, label, value, unit]) => ({ section, label, value: value ?? null, unit }));
const width = Math.max(...[...figures, ...info].map((f) => `${f.section}: ${f.label}`.length));
const lines = [
  'Strata bench: issue 9 and 11 targets (ratios against baselines measured in the same run)',
  ...figures.map(
    (f) =>
      `  ${`${f.section}: ${f.label}`.padEnd(width)}  ${fmt(f.value, f.unit).padStart(13)}  ${f.target.padEnd(10)}  ${f.pass ? 'PASS' : 'FAIL'}`,
  ),
  '  for context:',
  ...info.map((f) => `  ${`${f.section}: ${f.label}`.padEnd(width)}  ${fmt(f.value, f.unit).padStart(13)}`),
  `  measured: cli ${cli.date ?? '-'}, files ${files.date ?? '-'}, server ${server.date ?? '-'}, web ${web.date ?? '-'}`,
];
console.log(lines.join('\n'));
writeFileSync(
  join(dir, 'bench-results.json'),
  JSON.stringify(
    { date: new Date().toISOString(), figures, info, passed: figures.every((f) => f.pass) },
    null,
    2,
  ) + '\n',
);
