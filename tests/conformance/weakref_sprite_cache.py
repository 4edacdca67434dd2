# A game's sprite cache: sprites are loaded once and shared while some scene uses them; the
# cache holds them weakly, so a sprite no scene uses any more is freed, and its GPU slot (a
# finalizer) is given back. Listeners are kept in a WeakSet, per-sprite stats in a
# WeakKeyDictionary. Every drop is followed by gc.collect(), so CPython (which frees at once)
# and a tracing collector agree on when things happen.
import gc
import weakref


class Sprite:
    loads = 0

    def __init__(self, name, size):
        Sprite.loads += 1
        self.name = name
        self.size = size

    def __repr__(self):
        return f"Sprite({self.name!r})"


free_slots = []


def release_slot(slot, name):
    free_slots.append(slot)
    print(f"  slot {slot} released ({name})")


class SpriteCache:
    def __init__(self):
        self._sprites = weakref.WeakValueDictionary()
        self._next_slot = 0

    def get(self, name):
        sprite = self._sprites.get(name)
        if sprite is None:
            sprite = Sprite(name, len(name) * 16)
            slot = free_slots.pop() if free_slots else self._next_slot
            if slot == self._next_slot:
                self._next_slot += 1
            weakref.finalize(sprite, release_slot, slot, name)
            self._sprites[name] = sprite
            print(f"  loaded {name} into slot {slot}")
        return sprite

    def loaded(self):
        return sorted(self._sprites.keys())


cache = SpriteCache()

print("scene 1")
scene1 = [cache.get(n) for n in ["hero", "tree", "rock", "tree"]]
print("  shared tree:", scene1[1] is scene1[3], "loads:", Sprite.loads)
print("  cached:", cache.loaded(), "entries:", len(cache._sprites))

print("scene 2")
scene2 = [cache.get(n) for n in ["hero", "cloud"]]
print("  loads:", Sprite.loads)

print("leave scene 1")
scene1 = None
gc.collect()
print("  cached:", cache.loaded())
print("  'rock' in cache:", "rock" in cache._sprites, "free:", free_slots)

print("scene 3 reuses a freed slot")
scene3 = [cache.get("rock")]
print("  free:", free_slots)

# a plain ref with a callback: the log line comes when the sprite goes
log = []
boss = Sprite("boss", 99)
watch = weakref.ref(boss, lambda r: log.append(("boss gone", r() is None)))
print("watch alive:", watch() is boss, "count:", weakref.getweakrefcount(boss))
boss = None
gc.collect()
print("watch dead:", watch() is None, log)

# per-sprite statistics that must not keep sprites alive
stats = weakref.WeakKeyDictionary()
for s in scene2:
    stats[s] = {"drawn": 0}
for _ in range(3):
    for s in scene2:
        stats[s]["drawn"] += 1
print("stats:", sorted((k.name, v["drawn"]) for k, v in stats.items()))

# listeners: a WeakSet forgets the ones nobody else holds
class Listener:
    def __init__(self, tag):
        self.tag = tag

    def notify(self, event):
        print(f"  {self.tag} got {event}")


listeners = weakref.WeakSet()
keep = Listener("hud")
listeners.add(keep)
listeners.add(Listener("temp"))   # held by nobody else
gc.collect()
print("listeners:", len(listeners))
for l in listeners:
    l.notify("level-up")

print("leave scene 2")
scene2 = None
gc.collect()
print("  stats left:", len(stats), "cached:", cache.loaded())

# finalize's own interface
thing = Sprite("spare", 1)
f = weakref.finalize(thing, print, "spare finalized")
print("alive:", f.alive, "peek:", f.peek()[0], f.peek()[2])
obj, func, args, kwargs = f.detach()
print("detached:", obj, func is print, args, kwargs, "alive:", f.alive)
print("call after detach:", f())

done = weakref.finalize(scene3[0], print, "rock finalized")
print("called now:", done(), "again:", done())

# what cannot be referred to weakly
for value in [3, "text", (1, 2), [1], {"a": 1}, None]:
    try:
        weakref.ref(value)
    except TypeError as e:
        print("TypeError:", e)

# a finalizer still alive when the program ends runs at exit (atexit is true by default),
# one with atexit turned off does not
last = Sprite("last", 2)
weakref.finalize(last, print, "finalized at exit")
quiet = weakref.finalize(last, print, "never printed")
quiet.atexit = False
print("end of program")
