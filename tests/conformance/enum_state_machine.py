# A traffic-light controller and a small device driver, built on enum.
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique


@unique
class Light(Enum):
    RED = 1
    RED_AMBER = 2
    GREEN = 3
    AMBER = 4

    @property
    def can_go(self):
        return self is Light.GREEN

    def describe(self):
        return self.name.replace('_', ' ').lower() + (' (go)' if self.can_go else ' (stop)')


class Event(Enum):
    TIMER = auto()
    EMERGENCY = auto()
    RESET = auto()


class Priority(IntEnum):
    LOW = 1
    NORMAL = 5
    HIGH = 10
    URGENT = 20
    CRITICAL = 20   # an alias of URGENT


class Perm(Flag):
    READ = auto()
    WRITE = auto()
    EXEC = auto()


class Mode(IntFlag):
    IRQ = 1
    DMA = 2
    BURST = 4


class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)

    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius

    @property
    def gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)


TRANSITIONS = {
    (Light.RED, Event.TIMER): Light.RED_AMBER,
    (Light.RED_AMBER, Event.TIMER): Light.GREEN,
    (Light.GREEN, Event.TIMER): Light.AMBER,
    (Light.AMBER, Event.TIMER): Light.RED,
}


def step(state, event):
    if event is Event.EMERGENCY or event is Event.RESET:
        return Light.RED
    return TRANSITIONS[(state, event)]


def run(events):
    state = Light.RED
    log = [str(state)]
    for ev in events:
        state = step(state, ev)
        log.append(state.name)
    return state, log


final, log = run([Event.TIMER] * 6 + [Event.EMERGENCY, Event.TIMER])
print('final:', final, repr(final))
print(' -> '.join(log))
for light in Light:
    print(f'{light.value}: {light.describe():20}|{light!s:>16}|')
print(len(Light), list(Event), [e.value for e in Event])
print(Light(3), Light['AMBER'], Light(3) is Light.GREEN, Light.GREEN == Light.GREEN, Light.RED != Light.GREEN)
print(isinstance(Light.RED, Light), type(Light.AMBER).__name__, Light, repr(Light))
print(Light.RED in Light, Light.GREEN.can_go, Light.RED.can_go)

counts = {}
for name in ['RED', 'GREEN', 'RED', 'AMBER', 'RED']:
    light = Light[name]
    counts[light] = counts.get(light, 0) + 1
print(sorted((l.name, n) for l, n in counts.items()))

for bad in (7, 'green', None):
    try:
        Light(bad)
    except ValueError as exc:
        print('ValueError:', exc)
try:
    Light['BLUE']
except KeyError as exc:
    print('KeyError:', exc)

# IntEnum: arithmetic, sorting, comparing with ints, aliases
jobs = [('backup', Priority.LOW), ('page', Priority.CRITICAL), ('mail', Priority.NORMAL), ('fix', Priority.HIGH)]
for job, prio in sorted(jobs, key=lambda j: j[1], reverse=True):
    print(f'{job:8} {prio!r:24} {prio:>3} {prio + 1} {prio * 2} {str(prio)}')
print(Priority.CRITICAL is Priority.URGENT, Priority(20), Priority.HIGH > Priority.NORMAL, Priority.LOW == 1)
print(sum(Priority), max(Priority), [p.name for p in Priority], list(Priority.__members__))
print(sorted([Priority.HIGH, 3, Priority.LOW, 7]), Priority.NORMAL < 6, {1: 'one'}[Priority.LOW])
print(Priority['CRITICAL'], Priority(5) + Priority(10), int(Priority.HIGH), hex(Priority.URGENT))

# Flag and IntFlag
rw = Perm.READ | Perm.WRITE
print(rw, repr(rw), Perm.READ in rw, Perm.EXEC in rw, bool(rw & Perm.EXEC), [p.name for p in Perm])
print(~Perm.READ, Perm(0), repr(Perm(7)), Perm(5), list(rw), len(rw))
mode = Mode.IRQ | Mode.BURST
print(mode, repr(mode), mode == 5, mode & Mode.DMA, int(mode | 2), Mode.DMA in mode)

# tuple values passed to __init__, members with their own attributes
for p in Planet:
    print(p.name, p.value, round(p.gravity, 2))

try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as exc:
    print('ValueError:', exc)
try:
    class More(Light):
        BLUE = 9
except TypeError as exc:
    print('TypeError:', exc)
print(Light.__members__["GREEN"], len(Light.__members__))
