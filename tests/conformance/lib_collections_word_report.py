# A word-frequency report: Counter, most_common, defaultdict and OrderedDict over a short text.
from collections import Counter, defaultdict, OrderedDict
import string

TEXT = """It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was the
epoch of incredulity, it was the season of Light, it was the season of Darkness."""


def words(text):
    table = {ord(ch): ' ' for ch in string.punctuation}
    return text.translate(table).lower().split()


all_words = words(TEXT)
counts = Counter(all_words)
print('words:', len(all_words), 'distinct:', len(counts), 'total:', counts.total())
print('top 5:')
for word, n in counts.most_common(5):
    print('  %-8s %3d %s' % (word, n, '#' * n))
print('never seen:', counts['dickens'])

by_length = defaultdict(list)
for w in sorted(counts):
    by_length[len(w)].append(w)
for length in sorted(by_length):
    print(length, ', '.join(by_length[length]))

# letters, without the spaces
letters = Counter(ch for ch in TEXT.lower() if ch in string.ascii_lowercase)
print(letters.most_common(3))
vowels = Counter({v: letters[v] for v in 'aeiou'})
print('vowels:', sorted(vowels.elements())[:6], vowels)

# compare two halves of the text
first, second = Counter(all_words[:30]), Counter(all_words[30:])
print('both:', sorted((first & second).items()))
print('only first:', sorted((first - second).items()))
merged = first + second
print('merged equals counts:', merged == counts)
first.subtract(second)
print('difference of it:', first['it'], 'of epoch:', first['epoch'])

first_seen = OrderedDict()
for w in all_words:
    first_seen.setdefault(w, len(first_seen))
first_seen.move_to_end('it')
print(list(first_seen)[:4], list(first_seen)[-1])
print(first_seen.popitem(last=False), len(first_seen))
print(Counter('mississippi'))
