/**
 * At most `limit` analyses at once; the rest wait in arrival order and are told their
 * position whenever it changes. A waiting job that is cancelled leaves the line.
 */
import { ApiError } from '../http/api-error.js';
import type { Job } from './job.js';

interface Waiter {
  job: Job;
  start: () => void;
}

export class SlotQueue {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(private readonly limit: number) {}

  get runningCount(): number {
    return this.running;
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  /** Resolves with a release function once the job may run. */
  acquire(job: Job): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const at = this.waiting.indexOf(waiter);
        if (at < 0) return;
        this.waiting.splice(at, 1);
        this.announce();
        reject(new ApiError('CANCELLED', 'the job was cancelled while queued'));
      };
      const waiter: Waiter = {
        job,
        start: () => {
          job.signal.removeEventListener('abort', onAbort);
          resolve(this.releaser());
        },
      };
      job.signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
      this.announce();
      this.pump();
    });
  }

  private releaser(): () => void {
    this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      this.pump();
    };
  }

  private pump(): void {
    while (this.running < this.limit && this.waiting.length > 0) {
      (this.waiting.shift() as Waiter).start();
      this.announce();
    }
  }

  private announce(): void {
    this.waiting.forEach((w, i) => w.job.setQueuePosition(i + 1));
  }
}
