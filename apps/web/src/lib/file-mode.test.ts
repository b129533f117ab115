import { describe, expect, it } from 'vitest';
import { formatMode, formatOwner } from './file-mode.js';

describe('formatMode', () => {
  it('prints permissions like ls -l', () => {
    expect(formatMode(0o755, 'file')).toBe('-rwxr-xr-x');
    expect(formatMode(0o755, 'dir')).toBe('drwxr-xr-x');
    expect(formatMode(0o777, 'symlink')).toBe('lrwxrwxrwx');
    expect(formatMode(0o444, 'file')).toBe('-r--r--r--');
    expect(formatMode(0o600, 'fifo')).toBe('prw-------');
    expect(formatMode(0o660, 'block')).toBe('brw-rw----');
  });

  it('shows setuid, setgid and sticky bits as ls does', () => {
    expect(formatMode(0o4755, 'file')).toBe('-rwsr-xr-x');
    expect(formatMode(0o2644, 'file')).toBe('-rw-r-Sr--');
    expect(formatMode(0o1777, 'dir')).toBe('drwxrwxrwt');
    expect(formatMode(0o1776, 'dir')).toBe('drwxrwxrwT');
  });

  it('prints uid:gid', () => {
    expect(formatOwner(65534, 65534)).toBe('65534:65534');
  });
});
