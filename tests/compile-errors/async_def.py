# error: 2:1 'async def' is not supported yet
async def fetch():
    pass
