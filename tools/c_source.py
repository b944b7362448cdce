"""What the source checkers (tools/check-*) need to know of a C file.

Not a C parser: comments, string and character literals and preprocessor
lines are blanked (newlines kept, so offsets and line numbers stay), then
braces are matched. A '{' at file level that follows a ')' opens a function
body; the text back to the previous ';', '}' or blanked line group is its
signature.
"""
import os
import re

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The product sources: the checkers look at nothing else (tests/ is not product code).
PRODUCT_DIRS = ("kernel", "mm", "platform")
LITERAL_RE = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
PREPROCESSOR_RE = re.compile(r"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*", re.M)
NAME_RE = re.compile(r"([A-Za-z_]\w*)\s*$")


def _blank(m):
    return re.sub(r"[^\n]", " ", m.group(0))


def without_comments(text):
    """@text with comments and literals as spaces: a line blank here but not in
    @text holds only a comment."""
    return LITERAL_RE.sub(_blank, text)


def code_only(text):
    """@text with comments, literals and preprocessor lines as spaces."""
    return PREPROCESSOR_RE.sub(_blank, without_comments(text))


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


def _open_paren(code, close):
    """The '(' matching the ')' at @close."""
    depth = 0
    for i in range(close, -1, -1):
        if code[i] == ")":
            depth += 1
        elif code[i] == "(":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _statement_start(code, end):
    """Offset of the first non-blank character after the last ';', '}' or '{' before @end."""
    i = max(code.rfind(c, 0, end) for c in ";}{") + 1
    while i < end and code[i].isspace():
        i += 1
    return i


def function_definitions(text):
    """Each top-level function definition of C source @text, as a dict: name,
    signature (its text), first_line (of the signature), brace_line, end_line,
    is_static."""
    code = code_only(text)
    depth, found, sig = 0, [], None
    for i, c in enumerate(code):
        if c == "{":
            if depth == 0:
                sig = i if code[:i].rstrip().endswith(")") else None
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0 and sig is not None:
                paren = _open_paren(code, code.rindex(")", 0, sig))
                start = _statement_start(code, paren)
                m = NAME_RE.search(code[start:paren])
                signature = code[start:sig]
                found.append(dict(name=m.group(1) if m else "?", signature=signature,
                                  first_line=line_of(code, start), brace_line=line_of(code, sig),
                                  end_line=line_of(code, i),
                                  is_static=re.search(r"\bstatic\b", signature) is not None))
                sig = None
    return found


# Attribute macros with arguments that may come before a declaration's name.
ATTRIBUTES = {"__printf", "__attribute__", "__section", "__aligned"}


def _declared_function(stmt):
    """The function @stmt declares, and where its parameter list starts: the
    first parenthesised group at its top level after a name that is not an
    attribute. (None, -1) if it declares no function."""
    for m in re.finditer(r"([A-Za-z_]\w*)\s*\(", stmt):
        if m.group(1) in ATTRIBUTES or stmt[:m.start()].count("(") != stmt[:m.start()].count(")"):
            continue
        return m.group(1), m.end() - 1
    return None, -1


def prototypes(text):
    """Each top-level function declaration of @text (a header) as (name, first_line)."""
    code = code_only(text)
    found, depth, i = [], 0, 0
    for m in re.finditer(r"[{};]", code):
        c = m.group(0)
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif depth == 0:
            stmt = code[i:m.start()]
            name, p = _declared_function(stmt)
            if name and not re.search(r"\btypedef\b|=", stmt[:p]):
                start = i + len(stmt) - len(stmt.lstrip())
                found.append((name, line_of(code, start)))
        if c in "{};" and depth == 0:
            i = m.end()
    return found


def c_files(paths, suffix=".c"):
    """The files ending in @suffix under @paths (files given are taken as they are)."""
    for p in paths:
        if os.path.isfile(p):
            yield p
            continue
        for root, dirs, files in os.walk(p):
            dirs.sort()
            for f in sorted(files):
                if f.endswith(suffix):
                    yield os.path.join(root, f)
