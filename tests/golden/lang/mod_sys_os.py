# needs: core
# sys (argv, streams, limits, version) and os / os.path
import sys
import os
import os.path
from os.path import join, splitext
print(type(sys.argv).__name__, len(sys.argv), sys.argv[0].endswith("mod_sys_os.py"), os.path.isabs(sys.argv[0]))
print(type(sys.path).__name__, sys.maxsize, sys.platform, sys.byteorder, type(sys.version).__name__)
print(sys.version_info[0], sys.version_info[:2] >= (3, 8), sys.version.startswith("3."))
print(sys.stdout.name, sys.stderr.name, sys.stdin.name, sys.stdout.mode, sys.stdout.writable(), sys.stdin.readable())
print(repr(sys.stdout), sys.__stdout__ is sys.stdout)
print(sys.stdout.write("abc\n"), sys.stdout.write(""), sys.stdout.write("héllo\n"))
sys.stdout.flush()
sys.stderr.write("to stderr\n")
print(sys.getrecursionlimit())
sys.setrecursionlimit(60)
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as err:
    print("RecursionError:", err)
sys.setrecursionlimit(1000)
print(sys.getrecursionlimit())
for bad in [0, -5]:
    try:
        sys.setrecursionlimit(bad)
    except ValueError as err:
        print("ValueError:", err)
print(os.sep, os.name, repr(os.linesep), os.curdir, os.pardir, os.path.sep)
print("PATH" in os.environ, type(os.environ["PATH"]).__name__, os.environ.get("TL_SURELY_UNSET_VAR"), os.environ.get("TL_SURELY_UNSET_VAR", "dflt"))
print(os.getenv("TL_SURELY_UNSET_VAR"), os.getenv("TL_SURELY_UNSET_VAR", 5), os.getenv("PATH") == os.environ["PATH"])
os.environ["TL_SET_BY_SCRIPT"] = "yes"
print(os.getenv("TL_SET_BY_SCRIPT"))
cwd = os.getcwd()
print(os.path.isdir(cwd), cwd == os.path.abspath("."), os.path.abspath("x") == join(cwd, "x"), os.listdir("."))
os.mkdir("d")
os.makedirs("d/e/f")
os.makedirs("d/e/f", exist_ok=True)
with open("d/e/file.txt", "w") as fh:
    fh.write("12345")
print(sorted(os.listdir("d/e")), os.path.getsize("d/e/file.txt"), os.path.isfile("d/e/file.txt"), os.path.isdir("d/e/file.txt"))
os.rename("d/e/file.txt", "d/moved.txt")
print(os.path.exists("d/e/file.txt"), os.path.exists("d/moved.txt"), sorted(os.listdir("d")))
os.remove("d/moved.txt")
os.rmdir("d/e/f")
os.rmdir("d/e")
os.rmdir("d")
print(os.listdir(), os.path.exists("d"))
for action in [lambda: os.remove("nope.txt"), lambda: os.listdir("nope"), lambda: os.rmdir("nope"), lambda: os.mkdir("."),
               lambda: os.makedirs("."), lambda: os.path.getsize("nope")]:
    try:
        action()
    except OSError as err:
        print(type(err).__name__, err.errno, "|", err)
print(join("a", "b", "c"), join("a/", "b"), join("/x", "y/"), join("a", "/abs", "c"), join("", "b"), join("a", ""), join("a"))
print(os.path.split("a/b/c"), os.path.split("/a"), os.path.split("/"), os.path.split("a"), os.path.split("a/b/"), os.path.split("//x"))
print(os.path.basename("/x/y.py"), os.path.basename("y/"), os.path.dirname("/x/y.py"), os.path.dirname("a"), os.path.dirname("/a"))
print(splitext("f.tar.gz"), splitext(".bashrc"), splitext("a/.b"), splitext("a.."), splitext("dir.d/file"), splitext("noext"), splitext("..x"))
print(os.path.normpath("a//b/../c/./d"), os.path.normpath(""), os.path.normpath("../a/.."), os.path.normpath("//a"),
      os.path.normpath("///a/b/"), os.path.normpath("/../x"), os.path.normpath("a/../../b"), os.path.normpath("."))
print(os.path.abspath("/a/../b"), os.path.isabs("/a"), os.path.isabs("a"), os.path.isabs(""), os.path.exists(""))
print(os.path.expanduser("~") == os.environ.get("HOME", "~"), os.path.expanduser("x/~"))
print(type(os.cpu_count()).__name__, type(os.getpid()).__name__)
tests = [lambda: os.getenv(1), lambda: os.path.join(1), lambda: os.path.join("a", 1), lambda: os.remove(1),
         lambda: os.path.isfile(1.5), lambda: os.getcwd(1), lambda: sys.exit(1, 2), lambda: sys.getrecursionlimit(1),
         lambda: sys.setrecursionlimit("a")]
for t in tests:
    try:
        print("no error:", t())
    except (TypeError, ValueError) as err:
        print(type(err).__name__ + ":", err)
try:
    sys.exit(3)
except SystemExit as err:
    print("SystemExit", err.code, err.args)
try:
    sys.exit()
except SystemExit as err:
    print("SystemExit", err.code, err.args)
try:
    exit("msg")
except SystemExit as err:
    print("SystemExit", repr(err.code))
