# File-like error handling: a fake file system raising the OSError family with errno values,
# handlers that look at errno/strerror/filename and at the class hierarchy.

ENOENT, EACCES, EEXIST, EISDIR, ETIMEDOUT = 2, 13, 17, 21, 110

FILES = {'/etc/motd': 'hello', '/root/secret': 'x', '/tmp': None}

def open_file(path, mode='r'):
    if path.startswith('/root'):
        raise PermissionError(EACCES, 'Permission denied', path)
    if path not in FILES:
        if mode == 'r':
            raise FileNotFoundError(ENOENT, 'No such file or directory', path)
        FILES[path] = ''
        return path
    if FILES[path] is None:
        raise IsADirectoryError(EISDIR, 'Is a directory', path)
    if mode == 'x':
        raise FileExistsError(EEXIST, 'File exists', path)
    return path

def try_open(path, mode='r'):
    try:
        return open_file(path, mode)
    except FileNotFoundError as e:
        print('missing :', e.errno, e.strerror, e.filename, '|', e)
    except (PermissionError, IsADirectoryError) as e:
        print('refused :', type(e).__name__, e.args, '|', e)
    except OSError as e:
        print('oserror :', repr(e), e.errno == EEXIST)
    return None

for path, mode in [('/etc/motd', 'r'), ('/nope', 'r'), ('/root/secret', 'r'), ('/tmp', 'r'),
                   ('/etc/motd', 'x'), ('/new', 'w')]:
    print(path, mode, '->', try_open(path, mode))

# OSError(errno, ...) picks the subclass for the errno, as CPython does
for err in [OSError(ENOENT, 'gone'), OSError(EEXIST, 'there'), OSError(ETIMEDOUT, 'slow'),
            OSError(999, 'odd'), OSError('just text'), IOError(EACCES, 'no'), EnvironmentError()]:
    print(type(err).__name__, err.errno, err.strerror, str(err) or '<empty>', repr(err))

print(IOError is OSError, EnvironmentError is OSError)
print([c.__name__ for c in (BrokenPipeError, ConnectionResetError, ConnectionRefusedError,
                            ConnectionAbortedError) if issubclass(c, ConnectionError)])
print(issubclass(TimeoutError, OSError), issubclass(BlockingIOError, OSError),
      issubclass(InterruptedError, OSError), issubclass(ChildProcessError, OSError),
      issubclass(ProcessLookupError, OSError), issubclass(NotADirectoryError, OSError))

def retry(action, attempts):
    for n in range(1, attempts + 1):
        try:
            return action(n)
        except (TimeoutError, ConnectionError) as e:
            print(f'attempt {n}: {type(e).__name__}: {e}')
    raise TimeoutError(ETIMEDOUT, 'gave up after %d attempts' % attempts)

def flaky(n):
    if n == 1:
        raise ConnectionResetError(104, 'Connection reset by peer')
    if n == 2:
        raise TimeoutError('timed out')
    return 'ok on %d' % n

print(retry(flaky, 3))
try:
    retry(lambda n: flaky(1), 2)
except OSError as e:
    print('final:', e, e.args)

two = OSError(2, 'No such file', 'a.txt', None, 'b.txt')
print(two, two.filename2, two.args)
raise FileNotFoundError(ENOENT, 'No such file or directory', 'config.toml')
