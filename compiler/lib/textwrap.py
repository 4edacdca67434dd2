# textwrap for Viper: wrapping and indenting text, line breaks where CPython's textwrap puts them.

_WORD_PUNCT = '!"\'&.,?'


def _letter(c):
    return c.isalpha() or c == '_'


def _word_char(c):
    return c.isalnum() or c == '_' or c in _WORD_PUNCT


class TextWrapper:
    def __init__(self, width=70, initial_indent='', subsequent_indent='', expand_tabs=True,
                 replace_whitespace=True, fix_sentence_endings=False, break_long_words=True,
                 drop_whitespace=True, break_on_hyphens=True, tabsize=8, *, max_lines=None,
                 placeholder=' [...]'):
        self.width = width
        self.initial_indent = initial_indent
        self.subsequent_indent = subsequent_indent
        self.expand_tabs = expand_tabs
        self.replace_whitespace = replace_whitespace
        self.fix_sentence_endings = fix_sentence_endings
        self.break_long_words = break_long_words
        self.drop_whitespace = drop_whitespace
        self.break_on_hyphens = break_on_hyphens
        self.tabsize = tabsize
        self.max_lines = max_lines
        self.placeholder = placeholder

    def _munge_whitespace(self, text):
        if self.expand_tabs:
            text = text.expandtabs(self.tabsize)
        if self.replace_whitespace:
            for c in '\t\n\x0b\x0c\r':
                text = text.replace(c, ' ')
        return text

    def _split_word(self, word, chunks):
        # Breaks after a hyphen between letters ("long-winded") and around em-dashes ("a--b").
        start = 0
        i = 0
        n = len(word)
        while i < n:
            if word[i] != '-':
                i += 1
                continue
            j = i
            while j < n and word[j] == '-':
                j += 1
            if j - i >= 2:
                if i > 0 and _word_char(word[i - 1]) and j < n and (word[j].isalnum() or word[j] == '_'):
                    if i > start:
                        chunks.append(word[start:i])
                    chunks.append(word[i:j])
                    start = j
                i = j
                continue
            before = (i >= 2 and _letter(word[i - 1]) and _letter(word[i - 2])) or \
                (i >= 3 and _letter(word[i - 1]) and word[i - 2] == '-' and _letter(word[i - 3]))
            after = i + 2 < n and _letter(word[i + 1]) and (
                _letter(word[i + 2]) or (word[i + 2] == '-' and i + 3 < n and _letter(word[i + 3])))
            if self.break_on_hyphens and before and after and i > start:
                chunks.append(word[start:i + 1])
                start = i + 1
            i += 1
        if start < n:
            chunks.append(word[start:])

    def _split(self, text):
        chunks = []
        i = 0
        n = len(text)
        while i < n:
            j = i
            space = text[i].isspace()
            while j < n and text[j].isspace() == space:
                j += 1
            if space or not self.break_on_hyphens:
                chunks.append(text[i:j])
            else:
                self._split_word(text[i:j], chunks)
            i = j
        return chunks

    def _fix_sentence_endings(self, chunks):
        i = 0
        while i < len(chunks) - 1:
            c = chunks[i]
            if c[-1:] in ('"', "'"):
                c = c[:-1]
            if chunks[i + 1] == ' ' and len(c) > 1 and c[-1] in '.!?' and 'a' <= c[-2] <= 'z':
                chunks[i + 1] = '  '
                i += 2
            else:
                i += 1

    def _handle_long_word(self, chunks, cur_line, cur_len, width):
        space_left = 1 if width < 1 else width - cur_len
        if self.break_long_words:
            chunk = chunks[-1]
            end = space_left
            if self.break_on_hyphens and len(chunk) > space_left:
                hyphen = chunk.rfind('-', 0, space_left)
                if hyphen > 0 and chunk[:hyphen].strip('-'):
                    end = hyphen + 1
            cur_line.append(chunk[:end])
            chunks[-1] = chunk[end:]
        elif not cur_line:
            cur_line.append(chunks.pop())

    def _wrap_chunks(self, chunks):
        if self.width <= 0:
            raise ValueError('invalid width %r (must be > 0)' % self.width)
        if self.max_lines is not None:
            indent = self.subsequent_indent if self.max_lines > 1 else self.initial_indent
            if len(indent) + len(self.placeholder.lstrip()) > self.width:
                raise ValueError('placeholder too large for max width')
        lines = []
        chunks.reverse()   # taken from the end
        while chunks:
            cur_line = []
            cur_len = 0
            indent = self.subsequent_indent if lines else self.initial_indent
            width = self.width - len(indent)
            if self.drop_whitespace and lines and chunks[-1].strip() == '':
                chunks.pop()
            while chunks and cur_len + len(chunks[-1]) <= width:
                cur_len += len(chunks[-1])
                cur_line.append(chunks.pop())
            if chunks and len(chunks[-1]) > width:
                self._handle_long_word(chunks, cur_line, cur_len, width)
                cur_len = sum([len(c) for c in cur_line])
            if self.drop_whitespace and cur_line and cur_line[-1].strip() == '':
                cur_len -= len(cur_line.pop())
            if not cur_line:
                continue
            rest_empty = not chunks or (self.drop_whitespace and len(chunks) == 1 and not chunks[0].strip())
            if self.max_lines is None or len(lines) + 1 < self.max_lines or (rest_empty and cur_len <= width):
                lines.append(indent + ''.join(cur_line))
                continue
            # the last allowed line: end it with the placeholder
            while cur_line:
                if cur_line[-1].strip() and cur_len + len(self.placeholder) <= width:
                    cur_line.append(self.placeholder)
                    lines.append(indent + ''.join(cur_line))
                    return lines
                cur_len -= len(cur_line.pop())
            if lines:
                prev = lines[-1].rstrip()
                if len(prev) + len(self.placeholder) <= self.width:
                    lines[-1] = prev + self.placeholder
                    return lines
            lines.append(indent + self.placeholder.lstrip())
            return lines
        return lines

    def wrap(self, text):
        chunks = self._split(self._munge_whitespace(text))
        if self.fix_sentence_endings:
            self._fix_sentence_endings(chunks)
        return self._wrap_chunks(chunks)

    def fill(self, text):
        return '\n'.join(self.wrap(text))


def wrap(text, width=70, **kwargs):
    return TextWrapper(width=width, **kwargs).wrap(text)


def fill(text, width=70, **kwargs):
    return TextWrapper(width=width, **kwargs).fill(text)


def shorten(text, width, **kwargs):
    w = TextWrapper(width=width, max_lines=1, **kwargs)
    return w.fill(' '.join(text.strip().split()))


def dedent(text):
    lines = text.split('\n')
    margin = None
    for i in range(len(lines)):
        line = lines[i]
        body = line.lstrip(' \t')
        if not body:
            lines[i] = ''   # whitespace-only lines are emptied
            continue
        lead = line[:len(line) - len(body)]
        if margin is None:
            margin = lead
        else:
            k = 0
            while k < len(margin) and k < len(lead) and margin[k] == lead[k]:
                k += 1
            margin = margin[:k]
    if margin:
        n = len(margin)
        lines = [line[n:] if line else line for line in lines]
    return '\n'.join(lines)


def indent(text, prefix, predicate=None):
    out = []
    for line in text.splitlines(True):
        if (predicate(line) if predicate is not None else line.strip()):
            line = prefix + line
        out.append(line)
    return ''.join(out)
