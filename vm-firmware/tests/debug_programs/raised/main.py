try:
    int('x')
except ValueError:
    pass
print('ok')
