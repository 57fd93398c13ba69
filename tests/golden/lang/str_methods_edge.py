# needs: core
# str methods beyond the conformance suite: edge cases of split, strip,
# find/count ranges, replace counts, padding, case mapping and predicates.
print("a b  c ".split(None, 1), "  a b c  ".rsplit(None, 1), " x ".split(None, 0))
print("a,b,c".rsplit(",", 1), "a,b,c".split(",", 0), "a,,b".split(",", -1), ",a,".split(","))
print("x".split("x"), "xx".split("x"), "abcabc".split("bc"), "a b".split(maxsplit=1))
print("a\tb\nc\x0bd\x0ce\x1cf".split(), "\u3000a\u2003b\xa0".split())
print("a\r\nb\rc\n\nd".splitlines(), "a\r\nb\r".splitlines(True), "".splitlines(), "x\u2028y\x85z".splitlines())
print(repr(" \t\n x \r\x0b".strip()), repr("abcba".strip("ab")), repr("éaé".strip("é")), repr("xy".strip("")))
print("abcabc".find("c", 3), "abcabc".find("c", -2), "abcabc".find("c", 0, 2), "abc".find("", 3), "abc".find("", 4))
print("abcabc".rfind("b", 0, 4), "abc".rfind(""), "abc".rfind("", 1, 2), "abc".rindex("c", None, None))
print("aaaa".count("a", 1), "aaaa".count("", 2), "abc".count("", 5), "".count(""), "ababab".count("aba"))
print("abc".startswith("bc", 1), "abc".startswith("", 3), "abc".startswith("", 4), "abc".endswith("ab", 0, 2))
print("abc".endswith(("x", "c")), "abc".startswith(()), "abc".endswith("c", -1), "abc".startswith("a", -10))
print("aaa".replace("a", "b", 2), "abc".replace("", "-"), "abc".replace("", "-", 2), "abc".replace("x", "y"))
print("a.b.c".replace(".", "::", -1), "ééé".replace("é", "e", 1), "".replace("", "x"))
print(repr("ab".center(5)), repr("ab".center(4, "é")), repr("abc".center(6, "-")), repr("x".center(-3)))
print(repr("ab".ljust(5, "."), ), repr("ab".rjust(1)), "+7".zfill(4), "007".zfill(2), "".zfill(3), "-".zfill(3))
print("hello WORLD 3x".title(), "they're bill's".title(), "ǆemal".title(), "hELLO wORLD".capitalize())
print("ß".upper(), "ﬁsh".upper(), "İ".lower() == "i\u0307", "ΣΑΣ ΟΔΟΣ".lower(), "ÀÉÎ".lower(), "àéî".swapcase())
print("Hello".swapcase(), "MiXeD".casefold(), "ábc".upper(), "abc".capitalize(), "ABC DEF".lower())
print("a1".isalnum(), "½".isnumeric(), "²".isdigit(), "²".isdecimal(), "٣".isdecimal(), "Ⅳ".isnumeric())
print("Hello World".istitle(), "Hello world".istitle(), "HELLO".isupper(), "HELLO1!".isupper(), "123".isupper())
print("_x1".isidentifier(), "1x".isidentifier(), "é".isidentifier(), "a-b".isidentifier(), "".isidentifier())
print("é".isalpha(), "中文".isalpha(), " ".isprintable(), "\n".isprintable(), "abc".isascii(), "é".isascii())
print("a-b-c".partition("-"), "a-b-c".rpartition("-"), "abc".rpartition("x"))
print("prefix_name".removeprefix("prefix_"), "name.py".removesuffix(".py"), "x".removeprefix("y"))
print("a\tbc\td".expandtabs(), "a\tb".expandtabs(4), "ab\n\tc".expandtabs(2), repr("\t".expandtabs(0)))
print("-".join([]), "-".join(["solo"]), "".join(("a", "b")), ", ".join(str(i) for i in range(4)))
print("-".join({"k": 1, "j": 2}), "+".join("éà"), "ab".join("xyz"))
for bad in [lambda: "a".join([1]), lambda: "a".join(["a", 2]), lambda: "a".join(5),
            lambda: "abc".index("z"), lambda: "a".split(""), lambda: "a".partition(""),
            lambda: "a".center(4, "ab"), lambda: "a".center(4, 1), lambda: "a".strip(1),
            lambda: "a".startswith(1), lambda: "a".startswith((1,)), lambda: "a".find(1),
            lambda: "a".split(1), lambda: "a".replace(1, 2), lambda: "a".zfill("3"),
            lambda: "a".find("a", "x"), lambda: "a".upper(1), lambda: "a".strip("a", "b"),
            lambda: "a".replace("a"), lambda: "a".find(), lambda: "a".join(),
            lambda: "a".split(x=1), lambda: "a".strip(chars="a"), lambda: "a".removeprefix(1)]:
    try:
        print("no error", bad())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
