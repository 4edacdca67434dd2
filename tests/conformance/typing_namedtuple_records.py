# Warehouse locations and suppliers as typed named tuples (class syntax with defaults and
# methods, and the call syntax), sorted, unpacked, replaced and refused with CPython's errors.
from typing import Dict, List, NamedTuple, Optional


class Location(NamedTuple):
    shelf: str
    row: int = 1
    bin: int = 0

    def code(self) -> str:
        return '%s-%02d-%d' % (self.shelf, self.row, self.bin)


Supplier = NamedTuple('Supplier', [('name', str), ('days', int)])
places: Dict[str, Location] = {'bolt': Location('A', 3), 'nut': Location('B', bin=2), 'gear': Location('A')}
for sku, loc in sorted(places.items(), key=lambda kv: kv[1]):
    print(sku, loc, loc.code(), loc.shelf, loc[1])
shelf, row, _ = places['bolt']
print(shelf, row, places['nut']._replace(row=7), places['gear']._asdict(), Location._fields)
print(Supplier('acme', 3), Location('C', 2, 5) == ('C', 2, 5))
for args in [(), ('A', 1, 2, 3)]:
    try:
        Location(*args)
    except TypeError as e:
        print('TypeError:', e)
try:
    places['bolt'].row = 4
except AttributeError as e:
    print('AttributeError:', e)


class Reading(NamedTuple):
    sensor: str
    value: float
    unit: Optional[str] = None


readings: List[Reading] = [Reading('t1', 21.5, 'C'), Reading('h1', 40.0), Reading('t1', 19.0, 'C')]
best = max(readings, key=lambda r: r.value)
print(best, best.unit, Reading('x', 1) in readings, readings.count(Reading('h1', 40.0)))
print(sum(r.value for r in readings if r.sensor == 't1'), [r._asdict()['sensor'] for r in readings])
