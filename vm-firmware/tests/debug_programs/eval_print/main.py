print('from eval')
