/**
 * The <source> argument in skopeo's syntax (docker-archive:PATH[:REF|:@N], oci-archive:PATH[:REF],
 * oci:DIR[:REF], docker://REF, a path, or a bare reference): parsed and opened by the image package.
 */
export { openSource, type SourceOptions } from '@strata/image';
