# A command-line tool's help screen: option descriptions wrapped beside their names, a usage
# paragraph filled, an embedded example dedented and quoted, and long titles shortened.
import textwrap

OPTIONS = [
    ('-v, --verbose', 'Print every step of the build, including the commands that are run '
                      'and the time each of them took.'),
    ('-o FILE', 'Write the image to FILE instead of the default out.vbc next to the source.'),
    ('--board NAME', 'The target board: pico, esp32-c3 or a user-defined board described in '
                     'a board-file (self-contained, no external dependencies).'),
    ('--heap', 'Heap size.'),
    ('--map-file-with-a-very-long-name', 'Also write a symbol map.'),
]

USAGE = """\
    usage: viper [options] program.py

        Compile program.py into a bytecode image and run it on the
        host VM, or flash it to a board.
    """

EXAMPLE = '''
        def blink(pin):
            while True:
                pin.toggle()

        blink(LED)
'''


def option_help(width):
    lines = []
    for name, text in OPTIONS:
        if len(name) <= 18:
            body = textwrap.wrap(text, width - 22)
            lines.append('  ' + name.ljust(18) + '  ' + body[0])
            lines.extend(' ' * 22 + rest for rest in body[1:])
        else:
            lines.append('  ' + name)
            lines.append(textwrap.fill(text, width, initial_indent=' ' * 22, subsequent_indent=' ' * 22))
    return '\n'.join(lines)


print(textwrap.dedent(USAGE))
for width in (60, 44):
    print('=' * width)
    print(option_help(width))
print(textwrap.indent(textwrap.dedent(EXAMPLE).strip('\n'), '    | '))
print(textwrap.indent('first\n\nthird\n', '> ', lambda line: True))
print(repr(textwrap.dedent('  a\n\t b\n   \n  c')))

titles = ['Viper: Python on microcontrollers, from the host to the board',
          'Short title', 'An extraordinarily-long-hyphenated-title-that-never-ends-at-all']
for t in titles:
    print(repr(textwrap.shorten(t, 30)), repr(textwrap.shorten(t, 30, placeholder='...')))

para = ('The quick brown fox jumps over the lazy dog. It was a well-known, self-evident fact '
        'that foxes--unlike dogs--never sleep. Supercalifragilisticexpialidocious!')
for width in (12, 25, 40):
    print(textwrap.wrap(para, width))
print(textwrap.wrap(para, 15, break_long_words=False))
print(textwrap.wrap(para, 15, break_on_hyphens=False))
print(textwrap.fill(para, 30, max_lines=3))
print(textwrap.fill('Sentences end. Here too!  Spaces vary.', 50, fix_sentence_endings=True))
print(textwrap.wrap('tab\tseparated\tcolumns', 40), textwrap.wrap('   ', 10), textwrap.wrap('', 10))

wrapper = textwrap.TextWrapper(width=24, initial_indent='- ', subsequent_indent='  ')
for item in ['buy milk', 'call the plumber about the leaking kitchen tap before Friday']:
    print(wrapper.fill(item))
try:
    textwrap.wrap('text', 0)
except ValueError as e:
    print('ValueError:', e)
try:
    textwrap.shorten('some words here', 4)
except ValueError as e:
    print('ValueError:', e)
