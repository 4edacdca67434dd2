# An order book kept in dataclasses: plain records, defaults and factories, frozen value
# objects used as dict keys, ordering, inheritance, __post_init__ validation, conversion to
# dicts and tuples, replace(), and the errors a caller gets for wrong arguments.
from dataclasses import dataclass, field, fields, asdict, astuple, replace, is_dataclass, FrozenInstanceError, MISSING
from typing import ClassVar, List, Optional, Dict


@dataclass(frozen=True, order=True)
class Money:
    cents: int
    currency: str = 'EUR'

    def __str__(self):
        return '%d.%02d %s' % (self.cents // 100, self.cents % 100, self.currency)

    def __add__(self, other):
        return Money(self.cents + other.cents, self.currency)


@dataclass
class Item:
    sku: str
    price: Money
    qty: int = 1
    tags: List[str] = field(default_factory=list)
    note: Optional[str] = field(default=None, repr=False, compare=False)

    def total(self):
        return Money(self.price.cents * self.qty, self.price.currency)


@dataclass
class Order:
    counter: ClassVar[int] = 0
    customer: str
    items: List[Item] = field(default_factory=list)
    number: int = field(init=False)
    status: str = 'open'

    def __post_init__(self):
        if not self.customer:
            raise ValueError('an order needs a customer')
        Order.counter += 1
        self.number = Order.counter

    def total(self):
        result = Money(0)
        for item in self.items:
            result = result + item.total()
        return result


@dataclass
class PriorityOrder(Order):
    priority: int = 5


@dataclass(eq=False)
class Session:
    user: str


book = Order('ada', [Item('bolt', Money(25), 40, ['metal']), Item('nut', Money(10), 75)])
rush = PriorityOrder('bob', priority=1)
rush.items.append(Item('gear', Money(1250)))
print(book)
print(rush)
print(book.total(), rush.total(), Order.counter, book.number, rush.number)
print(Item('a', Money(1)) == Item('a', Money(1), note='different'), Item('a', Money(1)) == Item('a', Money(2)))
print(Item('a', Money(1)) == ('a', Money(1)), book == rush, Session('x') == Session('x'))

prices = sorted([Money(300), Money(50, 'USD'), Money(50), Money(120)])
print([str(p) for p in prices], Money(5) < Money(7), Money(5, 'EUR') <= Money(5, 'USD'), max(prices))
by_price = {Money(25): 'cheap', Money(1250): 'dear'}
print(by_price[Money(25)], hash(Money(25)) == hash(Money(25)), len({Money(1), Money(1), Money(2)}))

print([f.name for f in fields(Order)], [f.name for f in fields(rush)])
print([(f.name, f.default) for f in fields(Item) if f.default is not MISSING], [f.name for f in fields(Item) if f.default_factory is list])
print(asdict(book))
print(astuple(Item('pen', Money(99), 2, ['office'])))
print(asdict(Money(5)), is_dataclass(book), is_dataclass(Order), is_dataclass(3))
cheaper = replace(book.items[0], price=Money(20), qty=10)
print(cheaper, book.items[0].qty, replace(Money(100), currency='GBP'))
print(Item.__match_args__, Money.__match_args__, Order.__match_args__)

checks = [
    lambda: Item(),
    lambda: Item('x'),
    lambda: Order(),
    lambda: Money(1, 'EUR', 3),
    lambda: Item('x', Money(1), qty=2, colour='red'),
    lambda: Item('x', Money(1), sku='y'),
    lambda: Order('ada', number=3),
    lambda: Money(1, 2, 3, 4),
    lambda: setattr(Money(1), 'cents', 5),
    lambda: delattr(Money(1), 'currency'),
    lambda: hash(Item('x', Money(1))),
    lambda: Money(1) < 5,
    lambda: Order(''),
    lambda: replace(book, number=9),
    lambda: replace(Money(1), amount=3),
    lambda: fields(42),
    lambda: asdict(Money),
]
for check in checks:
    try:
        check()
        print('no error')
    except (TypeError, ValueError, FrozenInstanceError) as e:
        print(type(e).__name__ + ':', e)

for bad in ('default_order', 'mutable'):
    try:
        if bad == 'default_order':
            @dataclass
            class Broken:
                a: int = 0
                b: str
        else:
            @dataclass
            class Broken:
                names: list = []
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ':', e)
print(isinstance(FrozenInstanceError('x'), AttributeError))
