/**
 * An ELF file's summary from its headers (System V ABI, "ELF header", "Program header", "Section
 * header", "Dynamic section"): class, byte order, machine, type, static or dynamic, interpreter,
 * needed libraries, stripped. Reads only the ranges it needs through `read`, so a big binary is
 * not downloaded whole.
 */
export type Read = (offset: number, length: number) => Promise<Uint8Array>;

export interface ElfSummary {
  bits: 32 | 64;
  endian: 'little' | 'big';
  type: string;
  machine: string;
  /** Linked dynamically: has a PT_DYNAMIC segment (a static-pie has one too, but no interpreter). */
  linking: 'static' | 'dynamic' | 'static-pie';
  interpreter?: string;
  needed: string[];
  soname?: string;
  /** No .symtab section (only the dynamic symbols remain). */
  stripped: boolean;
}

const MACHINES: Record<number, string> = {
  3: 'x86',
  8: 'MIPS',
  20: 'PowerPC',
  21: 'PowerPC64',
  22: 'S/390',
  40: 'ARM',
  62: 'x86-64',
  183: 'AArch64',
  243: 'RISC-V',
  258: 'LoongArch',
};
const TYPES: Record<number, string> = {
  1: 'relocatable',
  2: 'executable',
  3: 'shared object / PIE',
  4: 'core dump',
};
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_SONAME = 14;
const SHT_SYMTAB = 2;
const MAX_TABLE = 1 << 20;

export function isElf(head: Uint8Array): boolean {
  return head[0] === 0x7f && head[1] === 0x45 && head[2] === 0x4c && head[3] === 0x46;
}

interface Header {
  bits: 32 | 64;
  little: boolean;
  word: (v: DataView, at: number) => number;
  type: number;
  machine: number;
  phoff: number;
  phentsize: number;
  phnum: number;
  shoff: number;
  shentsize: number;
  shnum: number;
}

export async function parseElf(read: Read): Promise<ElfSummary> {
  const h = header(await read(0, 64));
  const phdrs = await programHeaders(read, h);
  const interpSeg = phdrs.find((p) => p.type === PT_INTERP);
  const dynamicSeg = phdrs.find((p) => p.type === PT_DYNAMIC);
  const interpreter = interpSeg
    ? cString(await read(interpSeg.offset, Math.min(interpSeg.size, 4096)), 0)
    : undefined;
  const dyn = dynamicSeg ? await dynamicInfo(read, h, phdrs, dynamicSeg) : { needed: [] as string[] };
  const linking = !dynamicSeg
    ? 'static'
    : interpreter
      ? 'dynamic'
      : h.type === 3 && dyn.needed.length === 0
        ? 'static-pie'
        : 'dynamic';
  const summary: ElfSummary = {
    bits: h.bits,
    endian: h.little ? 'little' : 'big',
    type: TYPES[h.type] ?? `type ${h.type}`,
    machine: MACHINES[h.machine] ?? `machine ${h.machine}`,
    linking,
    needed: dyn.needed,
    stripped: !(await hasSymtab(read, h)),
  };
  if (interpreter) summary.interpreter = interpreter;
  if (dyn.soname) summary.soname = dyn.soname;
  return summary;
}

function header(b: Uint8Array): Header {
  if (!isElf(b) || b.length < 52) throw new Error('not an ELF file');
  const bits = b[4] === 2 ? 64 : 32;
  const little = b[5] !== 2;
  const v = view(b);
  const word =
    bits === 64
      ? (d: DataView, at: number) => Number(d.getBigUint64(at, little))
      : (d: DataView, at: number) => d.getUint32(at, little);
  const o = bits === 64 ? { phoff: 32, shoff: 40, phentsize: 54 } : { phoff: 28, shoff: 32, phentsize: 42 };
  return {
    bits,
    little,
    word,
    type: v.getUint16(16, little),
    machine: v.getUint16(18, little),
    phoff: word(v, o.phoff),
    shoff: word(v, o.shoff),
    phentsize: v.getUint16(o.phentsize, little),
    phnum: v.getUint16(o.phentsize + 2, little),
    shentsize: v.getUint16(o.phentsize + 4, little),
    shnum: v.getUint16(o.phentsize + 6, little),
  };
}

interface Segment {
  type: number;
  offset: number;
  vaddr: number;
  size: number;
}

async function programHeaders(read: Read, h: Header): Promise<Segment[]> {
  const n = Math.min(h.phnum, 512);
  const b = view(await read(h.phoff, n * h.phentsize));
  const out: Segment[] = [];
  for (let i = 0; i < n; i++) {
    const at = i * h.phentsize;
    if (at + h.phentsize > b.byteLength) break;
    const type = b.getUint32(at, h.little);
    out.push(
      h.bits === 64
        ? { type, offset: h.word(b, at + 8), vaddr: h.word(b, at + 16), size: h.word(b, at + 32) }
        : { type, offset: h.word(b, at + 4), vaddr: h.word(b, at + 8), size: h.word(b, at + 16) },
    );
  }
  return out;
}

/** DT_NEEDED and DT_SONAME names: offsets into the string table DT_STRTAB points at (a vaddr). */
async function dynamicInfo(
  read: Read,
  h: Header,
  segs: Segment[],
  dynamic: Segment,
): Promise<{ needed: string[]; soname?: string }> {
  const entry = h.bits === 64 ? 16 : 8;
  const d = view(await read(dynamic.offset, Math.min(dynamic.size, MAX_TABLE)));
  const tags: Array<[number, number]> = [];
  for (let at = 0; at + entry <= d.byteLength; at += entry) {
    const tag = h.word(d, at);
    if (tag === 0) break;
    tags.push([tag, h.word(d, at + entry / 2)]);
  }
  const strtabAddr = tags.find(([t]) => t === DT_STRTAB)?.[1];
  const load = segs.find(
    (s) => s.type === 1 && strtabAddr !== undefined && strtabAddr >= s.vaddr && strtabAddr < s.vaddr + s.size,
  );
  if (strtabAddr === undefined || !load) return { needed: [] };
  const strtab = strtabAddr - load.vaddr + load.offset;
  const names = async (off: number): Promise<string> => cString(await read(strtab + off, 256), 0);
  const needed: string[] = [];
  for (const [t, v] of tags) if (t === DT_NEEDED) needed.push(await names(v));
  const so = tags.find(([t]) => t === DT_SONAME);
  return so ? { needed, soname: await names(so[1]) } : { needed };
}

async function hasSymtab(read: Read, h: Header): Promise<boolean> {
  if (h.shoff === 0 || h.shnum === 0) return false;
  const n = Math.min(h.shnum, 4096);
  const b = view(await read(h.shoff, n * h.shentsize));
  for (let i = 0; i < n; i++) {
    const at = i * h.shentsize + 4;
    if (at + 4 <= b.byteLength && b.getUint32(at, h.little) === SHT_SYMTAB) return true;
  }
  return false;
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function cString(b: Uint8Array, at: number): string {
  let end = at;
  while (end < b.length && b[end] !== 0) end++;
  return new TextDecoder().decode(b.subarray(at, end));
}
