import { useEffect, useState } from 'react';
import { parseElf, type ElfSummary, type Read } from './elf.js';

export function ElfView({ read }: { read: Read }) {
  const [elf, setElf] = useState<ElfSummary | string | undefined>();
  useEffect(() => {
    let live = true;
    parseElf(read).then(
      (s) => live && setElf(s),
      (e: unknown) => live && setElf(`Not a readable ELF file: ${(e as Error).message}`),
    );
    return () => {
      live = false;
    };
  }, [read]);
  if (elf === undefined) return <p className="muted">Reading the ELF headers…</p>;
  if (typeof elf === 'string') return <p className="muted">{elf}</p>;
  const rows: Array<[string, string]> = [
    ['class', `ELF${elf.bits}, ${elf.endian} endian`],
    ['machine', elf.machine],
    ['type', elf.type],
    ['linking', elf.linking],
    ['interpreter', elf.interpreter ?? '—'],
    ['needed', elf.needed.length > 0 ? elf.needed.join(', ') : '—'],
    ['stripped', elf.stripped ? 'yes (no .symtab)' : 'no (has .symtab)'],
  ];
  if (elf.soname) rows.splice(4, 0, ['soname', elf.soname]);
  return (
    <table className="viewer-facts" data-testid="viewer-elf">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td className="mono">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
