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
