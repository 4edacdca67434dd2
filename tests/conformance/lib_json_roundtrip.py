# JSON both ways: indentation, key sorting, separators, escapes, non-finite floats, errors with line and column.
import json
data = {'name': 'Ada', 'tags': ['x', 'y'], 'n': 3, 'f': 2.5, 'ok': True, 'none': None, 'nested': {'a': [], 'b': {}}, 1: 'one', 'q': 'say "hi"\n\u00e9\U0001F600'}
print(json.dumps(data))
print(json.dumps(data, indent=2, sort_keys=False))
print(json.dumps({'b': 1, 'a': [1, 2]}, sort_keys=True, indent='\t'))
print(json.dumps([1, 2, {'x': 1}], separators=(',', ':')), json.dumps('é', ensure_ascii=False))
print(json.dumps([float('inf'), -float('inf'), 1e100, 0.1]))
try:
    json.dumps({(1, 2): 3})
except TypeError as e:
    print(e)
try:
    json.dumps({1, 2})
except TypeError as e:
    print(e)
print(json.dumps({1, 2}, default=sorted))
text = '{"a": [1, 2.5, -3e2, true, false, null], "b": "x\\u00e9\\n\\ud83d\\ude00", "c": {"d": []}}'
v = json.loads(text)
print(v, json.loads(' [] '), json.loads('"\\""'), json.loads('12'), json.loads('-0.5'))
for bad in ['', '[1, 2', '{"a" 1}', '{"a": 1,}', '[1,]', '{1: 2}', '[1] x', '"abc', '"a\\qb"', 'nul', '\n\n  [1, }', '"a\tb"']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print(repr(bad), '->', e, e.pos, e.lineno, e.colno)
    except ValueError as e:
        print('ValueError', e)
print(json.loads('{"a": 1}', object_hook=lambda d: sorted(d.items())), json.loads('[1.5]', parse_float=str))
print(issubclass(json.JSONDecodeError, ValueError))
l = []; l.append(l)
try:
    json.dumps(l)
except ValueError as e:
    print(e)
