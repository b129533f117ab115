/**
 * Material that building needs and running does not: compilers and their support files,
 * headers, static libraries, object files, language toolchains, build tool distributions.
 */
const TOOLCHAIN: Array<{ label: string; test: RegExp }> = [
  { label: 'GCC', test: /^\/usr\/(lib|libexec)\/gcc(-cross)?\// },
  {
    label: 'compilers and binutils',
    test: /^\/usr\/(local\/)?bin\/([\w-]+-linux-gnu-)?(gcc|g\+\+|c\+\+|cpp|cc|ld(\.[\w]+)?|as|clang[\w.+-]*|rustc|cargo|javac|make)(-\d+)?$/,
  },
  { label: 'C headers', test: /^\/usr\/(local\/)?include\// },
  { label: 'static libraries', test: /^\/(usr\/)?(local\/)?lib(32|64|x32)?\/.*\.a$/ },
  { label: 'Go toolchain', test: /^\/usr\/(local\/go|lib\/go(-[\d.]+)?)\// },
  { label: 'Rust toolchain', test: /^(\/usr\/local\/(cargo|rustup)|\/root\/\.(cargo|rustup))\// },
  { label: 'JDK', test: /^\/(usr\/lib\/jvm\/[^/]*jdk[^/]*|opt\/java\/openjdk)\// },
  { label: 'Maven/Gradle', test: /^\/(usr\/share\/maven|opt\/(maven|gradle))\// },
];

/** Sources and intermediate files next to what they built (a build writes these, so they do not mark a toolchain). */
const SOURCE_OR_OBJECT = /\.(c|cc|cpp|cxx|h|hh|hpp|go|rs|java|kt|scala|o|obj)$/;

export function toolchainLabel(path: string): string | undefined {
  return TOOLCHAIN.find((t) => t.test.test(path))?.label;
}

export function isBuildOnly(path: string): boolean {
  return toolchainLabel(path) !== undefined || SOURCE_OR_OBJECT.test(path);
}
