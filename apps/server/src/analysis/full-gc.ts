/**
 * A full garbage collection, for the analysis worker between an analysis's phases. Each phase
 * of a million-file image leaves hundreds of MB of garbage, and V8 lets the next phase allocate
 * on top of it before collecting, which is what the server's peak memory (VmHWM) measures.
 * V8 offers `gc` only with --expose-gc; set at run time, the flag applies to contexts made after
 * it, so the function comes from a new one.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');

export const fullGc = runInNewContext('gc') as () => void;
