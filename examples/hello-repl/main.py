# Hello, world! And then the REPL.
#
# Press Run: the program prints two greetings and ends. The console then
# shows the prompt >>> : that is the REPL (Read, Evaluate, Print, Loop).
# Type a line of Python and press Enter: the board runs it at once and
# shows the result. What this program defined is still there, so try:
#
#   >>> name                       shows 'Viper'
#   >>> greet("Ada")               prints Hello, Ada!
#   >>> 7 * 6                      a calculator: 42
#   >>> 2 ** 100                   integers as big as you like
#   >>> [n * n for n in range(5)]  [0, 1, 4, 9, 16]
#   >>> _                          the last result again
#   >>> import board
#   >>> board.NAME                 which board you are on
#
# A line ending in ':' (def, for, if) goes on over more lines: the prompt
# becomes ... ; an empty line ends it. The Reset button (or Ctrl-D at the
# prompt) starts afresh and forgets what you defined.

name = "Viper"


def greet(who):
    print(f"Hello, {who}!")


print("Hello, world!")
greet(name)
