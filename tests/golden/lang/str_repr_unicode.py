# needs: core
# repr() escapes and quote choice, ascii(), and strings as sequences of
# code points: indexing, slicing with steps, iteration, comparison.
print(repr("\x00\x01\x1f\x7f\x80\x9f\xa0\xad"), repr("\u200b\u2028\ufeff\ue000"))
print(repr("é中😀"), repr("\U0001F600"), ascii("é中😀"), ascii(["é"]))
print(repr("'"), repr('"'), repr("'\""), repr("\\'"), repr("a'b\"c\n"))
print(repr("\x0b\x0c\x1b"), repr("tab\tnl\ncr\r"), [repr("x")], str(("é", "'")))
s = "añb中c😀d"
print(len(s), s[1], s[3], s[5], s[-1], s[-2], s[-7])
print(s[1:4], s[::2], s[::-1], s[-3:], s[:-3], s[5:1:-1], s[1::3], s[100:], repr(s[3:3]))
print([c for c in s], list(reversed(s)), "".join(sorted("cabé")))
print(s.find("中"), s.find("c"), s.index("😀"), s.rfind("d"), s.count("😀"), "中" in s, "x" in s)
print(s.upper(), s.split("中"), s.partition("c"), s.replace("😀", ":)"))
print("é" < "z", "z" < "é", "中" > "é", "a" < "ab", "" < "a", "abc" == "ab" + "c", "é" != "e")
print(max("hello"), min("héllo"), sorted(["b", "é", "a", "B"]), "ab" * 3, 2 * "é", "x" * 0, "x" * -1)
print(ord("😀"), chr(128512), len(chr(0x10FFFF)), "\u03bb")
print(str(42), str(1.5), str(None), str([1, "a"]), str(), repr(str("é")))
t = "héllo"
for i in range(-len(t), len(t)):
    print(i, t[i], t[i:], t[:i], end=" | ")
print()
for bad in [lambda: t[10], lambda: t[-10], lambda: t[1.0], lambda: t["x"], lambda: t[::0],
            lambda: "a" + 1, lambda: "a" * 1.5, lambda: 1.5 * "a", lambda: 1 in "a",
            lambda: "a" < 1, lambda: "a" * "b"]:
    try:
        print("no error", bad())
    except (TypeError, IndexError, ValueError) as e:
        print(type(e).__name__, e)
it = iter("ab")
print(next(it), next(it), next(it, "done"), type(iter("x")).__name__, type(iter("é")).__name__)
