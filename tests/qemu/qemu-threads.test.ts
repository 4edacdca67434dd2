// Python threads on the QEMU board: each a ChibiOS/RT thread (vm-firmware/ports/chibios/
// thread_chibios.c), one interpreter lock handed by priority (core/thread.c). Run with
// -icount shift=0 (one guest instruction per virtual nanosecond), so times measured in the
// guest are counts of instructions; the host's load does not change them.
// Needs qemu-system-arm and CHIBIOS=<path to ChibiOS 21.11>, as qemu-board.test.ts.
import { openSession } from '../../main/devices/connect';
import { findQemu, startQemuBoard } from '../../main/devices/qemuBoard';
import type { DeviceSession } from '../../main/link/session';
import { collectRun, image } from '../../main/link/testing/programs';
import { buildQemuFirmware } from './buildFirmware';

const available = !!findQemu() && !!(process.env.CHIBIOS || process.env.VIPER_QEMU_FIRMWARE);
const suite = available ? describe : describe.skip;
if (!available) console.log('skipped: QEMU thread tests need qemu-system-arm and CHIBIOS=<path>');

/** Runs source to its end on the board: how it ended and what it printed. */
async function run(session: DeviceSession, source: string) {
  await session.upload(image(source));
  return collectRun(session);
}

suite('Python threads on the QEMU board (ChibiOS/RT)', () => {
  let session: DeviceSession;

  beforeAll(async () => {
    buildQemuFirmware();
    ({ session } = await openSession(await startQemuBoard({ clock: 'fast' }), { timeoutMs: 2000 }));
  }, 600_000);

  afterAll(async () => { await session?.close(); });

  it('wakes a high-priority thread from sleep ahead of a busy low-priority loop, within the tick', async () => {
    // high sleeps 7 ms ten times while low computes without ever blocking; each wake must cut
    // into low's loop (else low would spin until its 2 s limit and say so). A sleep ends at a
    // system tick (1 ms): the microseconds past the tick at which Python runs again are the
    // wake-up latency; with -icount shift=0 a microsecond is 1000 guest instructions. A sleep
    // never ends early; it ends at the first tick after its time.
    const program = (busy: boolean) => `
import time
events = []
late = []
def high():
    for i in range(10):
        start = time.ticks_us()
        time.sleep_ms(7)
        woke = time.ticks_us()
        late.append((time.ticks_diff(woke, start), woke % 1000))
    events.append("high done")
def low():
    t0 = time.ticks_ms()
    n = 0
    while len(late) < 10 and time.ticks_diff(time.ticks_ms(), t0) < 2000:
        n += 1
    events.append("low saw every wake" if len(late) == 10 else "low timed out")
    events.append(n > 1000)
workers = [thread(low, prio=PRIO_LOWEST)] if ${busy ? 'True' : 'False'} else []
workers.append(thread(high, prio=PRIO_HIGHEST))
for t in workers:
    t.join()
print(events)
print(all(7000 <= total < 9000 for total, past in late))
print(" ".join(str(past) for total, past in late))
`;
    const busy = await run(session, program(true));
    expect(busy.status).toBe('ok');
    const [events, inWindow, busyPast] = busy.output.trimEnd().split('\n');
    expect(events).toBe("['high done', 'low saw every wake', True]");
    expect(inWindow).toBe('True');
    const idle = await run(session, program(false));
    expect(idle.output.split('\n').slice(0, 2)).toEqual(["['high done']", 'True']);
    const idlePast = idle.output.trimEnd().split('\n')[2];
    const figures = (s: string) => s.split(' ').map(Number);
    // ticks_us truncates: n us past the tick is n*1000 .. n*1000+999 instructions.
    const range = (xs: number[]) => `${Math.min(...xs)}..${Math.max(...xs)} us (${Math.min(...xs) * 1000}..${Math.max(...xs) * 1000 + 999} instructions)`;
    console.log(`wake-up latency, tick to Python: idle ${range(figures(idlePast))}; preempting a busy loop ${range(figures(busyPast))}` +
      ` (each wake, us: idle ${idlePast}; busy ${busyPast})`);
    // Within the tick it ended in. The rare long one is the busy thread in a step the interpreter
    // does not cut (a garbage collection, serving a link frame).
    for (const us of [...figures(idlePast), ...figures(busyPast)]) expect(us).toBeLessThan(1000);
  }, 60_000);

  it('lets a low thread holding a lock finish ahead of a busy middle one (priority inheritance)', async () => {
    // low holds the lock and sleeps in it; high waits for the lock; middle computes for 100 ms.
    // low inherits high's priority, so its sleep ends inside middle's loop and it finishes its
    // work before middle is done; without that, middle would run first and high would wait.
    const result = await run(session, `
import _thread, time
lock = _thread.allocate_lock()
order = []
def low():
    with lock:
        order.append("low has the lock")
        time.sleep_ms(30)
        n = 0
        while n < 2000:
            n += 1
        order.append("low releases")
def high():
    time.sleep_ms(10)
    order.append("high wants the lock")
    with lock:
        order.append("high has the lock")
def middle():
    time.sleep_ms(15)
    order.append("middle computes")
    t0 = time.ticks_ms()
    while time.ticks_diff(time.ticks_ms(), t0) < 100:
        pass
    order.append("middle done")
ts = [thread(low, prio=PRIO_LOWEST), thread(high, prio=PRIO_HIGHEST), thread(middle, prio=PRIO_NORMAL)]
for t in ts:
    t.join()
for o in order:
    print(o)
`);
    expect(result).toEqual({
      status: 'ok', exceptions: [],
      output: 'low has the lock\nhigh wants the lock\nmiddle computes\nlow releases\nhigh has the lock\nmiddle done\n',
    });
  }, 60_000);

  it('counts exactly under a lock contended by four threads', async () => {
    // The read-modify-write spans backward jumps, where equal priorities change turns every
    // 10 ms: without the lock updates would be lost.
    const result = await run(session, `
import _thread
lock = _thread.allocate_lock()
count = 0
per = [0, 0, 0, 0]
def work(k, n):
    global count
    for i in range(n):
        with lock:
            v = count
            for j in range(3):
                pass
            count = v + 1
            per[k] += 1
ts = [thread(work, k, 1500, prio=p) for k, p in enumerate([PRIO_LOWER, PRIO_NORMAL, PRIO_NORMAL])]
work(3, 1500)
for t in ts:
    t.join()
print(count, per, lock.locked(), _thread._count())
`);
    expect(result).toEqual({ status: 'ok', exceptions: [], output: '6000 [1500, 1500, 1500, 1500] False 0\n' });
  }, 60_000);

  it('refuses a thread past the pool and reuses the slots of ended threads', async () => {
    const result = await run(session, `
import _thread
gate = _thread.allocate_lock()
gate.acquire()
def wait_gate(k):
    with gate:
        pass
    return k
ts = [thread(wait_gate, k) for k in range(3)]
try:
    thread(wait_gate, 3)
    print("a fourth thread started")
except RuntimeError as e:
    print("RuntimeError:", e)
gate.release()
for t in ts:
    t.join()
for round in range(3):
    ts = [thread(wait_gate, k) for k in range(3)]
    for t in ts:
        t.join()
print("three rounds of three")
`);
    expect(result).toEqual({ status: 'ok', exceptions: [], output: "RuntimeError: can't start new thread\nthree rounds of three\n" });
  }, 60_000);

  it('ends daemon threads with the program (sleeping or computing) and gives their slots back', async () => {
    for (let round = 0; round < 2; round++) {
      expect(await run(session, `
import _thread, time
def sleeper():
    while True:
        time.sleep_ms(5)
def spinner():
    n = 0
    while True:
        n += 1
_thread.start(sleeper, (), daemon=True)
_thread.start(sleeper, (), daemon=True, prio=PRIO_HIGHEST)
_thread.start(spinner, (), daemon=True, prio=PRIO_LOWEST)
time.sleep_ms(30)
print("main ends with", _thread._count(), "daemons")
`)).toEqual({ status: 'ok', exceptions: [], output: 'main ends with 3 daemons\n' });
    }
  }, 60_000);

  it('stops a program whose threads are all blocked, and runs the next one', async () => {
    await session.upload(image(`
import _thread, time
lock = _thread.allocate_lock()
lock.acquire()
def on_lock():
    lock.acquire()
def sleeper():
    time.sleep(1000)
def joiner(t):
    t.join()
a = thread(on_lock)
b = thread(sleeper, prio=PRIO_HIGHEST)
c = thread(joiner, a, prio=PRIO_LOWEST)
time.sleep_ms(20)
print("all blocked")
a.join()
`));
    let output = '';
    const blocked = new Promise<void>(resolve => {
      const onOutput = (t: string) => { output += t; if (output.includes('all blocked')) { session.off('output', onOutput); resolve(); } };
      session.on('output', onOutput);
    });
    const done = collectRun(session);
    await blocked;
    const asked = Date.now();
    await session.stop();
    expect((await done).status).toBe('stopped');
    expect(Date.now() - asked).toBeLessThan(5000);
    // The pool's three slots are free again: the next program starts three threads.
    expect(await run(session, `
def square(x):
    return x * x
ts = [thread(square, k) for k in range(3)]
for t in ts:
    t.join()
print("after", len(ts))
`)).toEqual({ status: 'ok', exceptions: [], output: 'after 3\n' });
  }, 60_000);
});
