# error: 2:5 list comprehensions are not supported yet
x = [i for i in range(3)]
