export { HOSTILE_CASES, writeHostileCase, type HostileCase } from './catalogue';
export { paxData, rawTar, rawHeader, type RawEntry } from './raw-tar';
export {
  dockerArchive,
  dockerConfig,
  ociArchive,
  smallLayer,
  type DockerParts,
  type OciParts,
} from './raw-images';
export { zstdRawFrame, zstdRleFrame, zstdWindowFrame } from './zstd-frames';
export { writeDeepArchive } from './deep-archive';
