# A gradebook: grades from score cut-offs with bisect, a ranking kept sorted with insort,
# names tidied with string, sorting with operator, and a snapshot taken with copy.
import bisect
import copy
import string
from operator import itemgetter, attrgetter, methodcaller

CUTOFFS = [60, 70, 80, 90]
GRADES = 'FDCBA'


def grade(score):
    return GRADES[bisect.bisect(CUTOFFS, score)]


class Student:
    def __init__(self, name, scores):
        self.name = string.capwords(name)
        self.scores = scores

    @property
    def mean(self):
        return sum(self.scores) / len(self.scores)

    def __repr__(self):
        return 'Student(%r, %r)' % (self.name, self.scores)


raw = [('ada  lovelace', [95, 88, 92]), ('alan turing', [78, 85, 80]), ('grace HOPPER', [90, 59, 99]),
       ('kurt gödel', [55, 62, 58])]
students = [Student(n, s) for n, s in raw]
for s in sorted(students, key=attrgetter('mean'), reverse=True):
    print('%-15s %6.2f %s' % (s.name, s.mean, grade(s.mean)))
print([grade(x) for x in (0, 59, 60, 69.5, 70, 89, 90, 100)])

ranking = []
for s in students:
    bisect.insort(ranking, (round(s.mean, 1), s.name))
print(ranking)
print(bisect.bisect_left(ranking, (80,)), bisect.bisect_right([1, 2, 2, 2, 3], 2), bisect.bisect_left([1, 2, 2, 2, 3], 2))
by_mean = []
for s in students:
    bisect.insort_left(by_mean, s, key=attrgetter('mean'))
print([s.name for s in by_mean], bisect.bisect_left(by_mean, 80, key=attrgetter('mean')))

table = [(s.name, min(s.scores), max(s.scores)) for s in students]
print(sorted(table, key=itemgetter(2, 0)), list(map(itemgetter(1), table)))
print(list(map(methodcaller('upper'), ['a', 'b'])), list(map(methodcaller('split', ' '), ['a b'])))

snapshot = copy.deepcopy(students)
shallow = copy.copy(students)
students[0].scores.append(10)
students.append(Student('new one', [70]))
print(len(students), len(shallow), len(snapshot))
print(shallow[0].scores, snapshot[0].scores, snapshot[0] is students[0], shallow[0] is students[0])
config = {'weights': [0.5, 0.5], 'names': ('a', 'b'), 'nested': {'deep': [1, [2]]}}
clone = copy.deepcopy(config)
config['nested']['deep'][1].append(3)
print(clone, config['nested'], clone['names'] is config['names'])
print(string.ascii_uppercase[:5], string.digits, string.hexdigits, string.octdigits)
print(repr(string.whitespace), len(string.printable), string.punctuation)
print(all(ch in string.ascii_letters for ch in 'Viper'), string.capwords('  hello   world  '))
