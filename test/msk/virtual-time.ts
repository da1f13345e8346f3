// Time for the bundled handler, which reads the system clock (Date) and pauses with setTimeout as
// it does in Lambda: while installed, both run on a scenario clock. The clock runs at real speed,
// except that pauses pass at once and move it on by their length: the waiter's pause between two
// isComplete calls (sleep), and every `await new Promise(resolve => setTimeout(resolve, ms))`,
// which is how the handler's clock and the SDK's retry strategy pause. Other timers (the SDK's
// connection and request timeouts) keep their real length. So a 50-minute wait takes seconds,
// and a request takes the time it really takes.
import { START } from './fake-kafka';
import { WaiterTime } from './provider-framework';

/** A promise's resolve function: built in, without a name (a bound function is named "bound ..."). */
const isPromiseResolver = (fn: unknown) => typeof fn === 'function' && fn.name === '' && /\[native code\]/.test(Function.prototype.toString.call(fn));

export class VirtualTime implements WaiterTime {
  private jumped = 0;
  private readonly realStart = performance.now();

  constructor(private readonly start = START) {}

  now(): number {
    return Math.floor(this.start + this.jumped + (performance.now() - this.realStart));
  }

  async sleep(ms: number): Promise<void> {
    this.jumped += ms;
  }

  /** Puts this clock behind the global Date and setTimeout; returns what puts the real ones back. */
  install(): () => void {
    const realDate = globalThis.Date;
    const realSetTimeout = globalThis.setTimeout;
    const now = () => this.now();
    class ScenarioDate extends realDate {
      static now() {
        return now();
      }

      constructor(...args: any[]) {
        if (args.length === 0) {
          super(now());
        } else {
          super(...(args as [any]));
        }
      }
    }
    globalThis.Date = ScenarioDate as DateConstructor;
    globalThis.setTimeout = ((fn: (...a: any[]) => void, ms?: number, ...args: any[]) => {
      if (!isPromiseResolver(fn)) {
        return realSetTimeout(fn, ms, ...args);
      }
      return realSetTimeout(() => {
        this.jumped += Math.max(0, ms ?? 0);
        fn(...args);
      }, 0);
    }) as typeof setTimeout;
    return () => {
      globalThis.Date = realDate;
      globalThis.setTimeout = realSetTimeout;
    };
  }
}
