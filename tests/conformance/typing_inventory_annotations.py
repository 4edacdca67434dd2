# An inventory written with type hints everywhere: annotations on module names, class bodies,
# functions and generics; the typing objects printed where a program would print them.
from typing import (Any, Callable, Dict, FrozenSet, Generic, Iterable, Iterator, List, Optional,
                    Sequence, Set, Tuple, TypeVar, Union, cast, TYPE_CHECKING, Final, ClassVar,
                    Literal, Mapping, Type, Generator, Protocol, overload)
import typing

if TYPE_CHECKING:
    from collections import OrderedDict   # never runs

T = TypeVar('T')
K = TypeVar('K')
T_co = TypeVar('T_co', covariant=True)

MAX_ITEMS: Final = 100
Price = float
Row = Tuple[str, int, Price]
Handler = Callable[[str, int], Optional[str]]

stock: Dict[str, List[int]] = {}
log: List[str] = []
count: int


class Item:
    kind: ClassVar[str] = 'item'
    name: str
    qty: int = 0
    tags: Set[str]

    def __init__(self, name: str, qty: int = 0, tags: Optional[Iterable[str]] = None) -> None:
        self.name = name
        self.qty = qty
        self.tags: Set[str] = set(tags or ())

    def __repr__(self) -> str:
        return f'Item({self.name!r}, {self.qty})'


class Stack(Generic[T]):
    limit: int | None = None
    names: list[str] = []

    def __init__(self) -> None:
        self._items: List[T] = []

    def push(self, item: T) -> None:
        self._items.append(item)

    def pop(self) -> Optional[T]:
        return self._items.pop() if self._items else None

    def __iter__(self) -> Iterator[T]:
        return iter(reversed(self._items))


class Pair(Generic[K, T]):
    def __init__(self, key: K, value: T) -> None:
        self.key, self.value = key, value


class Priced(Protocol):
    def price(self) -> float: ...


class Widget:
    def price(self) -> float:
        return 2.5


def total(items: Sequence[Priced]) -> float:
    return sum(i.price() for i in items)


def evens(limit: int) -> Generator[int, None, None]:
    for n in range(0, limit, 2):
        yield n


def first_word(text: str, default: Union[str, None] = None) -> Optional[str]:
    words = text.split()
    return words[0] if words else default


def apply(handlers: Mapping[str, Handler], key: str, n: int) -> Optional[str]:
    return handlers[key](key, n)


def mode(kind: Literal['r', 'w']) -> str:
    return {'r': 'read', 'w': 'write'}[kind]


@overload
def double(x: int) -> int: ...
@overload
def double(x: str) -> str: ...
def double(x: Any) -> Any:
    return x * 2


def make(cls: Type[Item], name: str) -> Item:
    return cls(name)


count = 0
for name, qty in [('bolt', 40), ('nut', 75), ('gear', 3)]:
    item = Item(name, qty, tags=['metal'])
    stock.setdefault(item.name, []).append(item.qty)
    count += 1
print(count, stock, MAX_ITEMS)
print(__annotations__)
print(Item.__annotations__)
print(Item.kind, make(Item, 'cog'))

s: Stack[int] = Stack[int]()
for n in evens(7):
    s.push(n)
print(list(s), s.pop(), s.pop(), s.limit, Stack.names)
p = Pair('a', 1.5)
print(p.key, p.value, isinstance(p, Pair))
print(total([Widget(), Widget()]), first_word('  hello world'), first_word('', 'none'))
print(apply({'echo': lambda k, n: k * n}, 'echo', 3), mode('w'), double(4), double('ab'))
print(cast(int, '12') + '3', cast(List[int], 'raw'))

# the typing objects themselves, as a program prints them when it documents its API
print(typing.List[float], Dict[str, List[int]], Optional[int], Row)
print(Handler, Callable[..., int], Tuple[int, ...], Union[int, str, None])
print(Union[int, Union[str, int]], Union[int], Optional[str] == Union[None, str])
print(Iterable[Item], FrozenSet[str], Type[Item], Literal['r', 'w'], List['Item'])
print(T, T_co, Any, typing.Dict, typing.get_args(Row), typing.get_origin(List[int]) is list)
print(typing.get_origin(Optional[int]) is Union, typing.get_args(Optional[int]))

try:
    Optional[int, str]
except TypeError as e:
    print('TypeError:', e)
try:
    class Plain:
        pass
    Plain[int]
except TypeError as e:
    print('TypeError:', e)

