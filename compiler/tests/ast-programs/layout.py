# comments and blank lines

x = (1 +
     2)   # trailing comment
y = [
    1,
    2,
]
z = 1 + \
    2
if x:
    if y:
        pass
    # a comment at another indentation
        
    else:
        z = 3
elif z:
	w = 1
def f(a,
      b):
    return a

def g():
    x = 1

    # comment between statements, then a dedent after a blank line

y = 2
if y:
    pass



z = 3
