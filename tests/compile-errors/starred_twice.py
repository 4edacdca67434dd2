# error: 2:1 multiple starred expressions in assignment
*a, *b = [1, 2]
